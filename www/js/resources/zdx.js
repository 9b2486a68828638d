// ZDX views: the applications ZDX scores, for the default window (the
// last 2 hours), each with its score over time as a chart and a table
// (views/scores.js). The list is one unpaged array.
import { defaultWindow, scoresView } from '../views/scores.js';

const windowArgs = ([from, to]) => ({ from, to });

const applications = {
  product: 'zdx', name: 'applications', title: 'Applications', singular: 'application',
  // The API filters by department, location and geography, not by name.
  search: null,
  async listPage(client) {
    const items = await client.zdx.listApplications(windowArgs(defaultWindow()));
    return { items, totalCount: items.length, totalPages: 1 };
  },
  async* all(client) {
    yield* await client.zdx.listApplications(windowArgs(defaultWindow()));
  },
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'score', label: 'Score', value: (a) => (a.score === undefined ? '' : String(a.score)), numeric: true },
    { key: 'total_users', label: 'Users', value: (a) => (a.total_users === undefined ? '' : String(a.total_users)), numeric: true, secondary: true },
    { key: 'region', label: 'Most impacted region', value: (a) => [a.most_impacted_region?.city, a.most_impacted_region?.country].filter(Boolean).join(', '), secondary: true },
  ],
  detail: [
    ['Active users', (a) => String(a.stats?.active_users ?? '')],
    ['Poor / okay / good', (a) => (a.stats ? [a.stats.num_poor, a.stats.num_okay, a.stats.num_good].map((n) => n ?? 0).join(' / ') : '')],
  ],
  get: (client, id, window) => client.zdx.getApplication({ id: Number(id), ...windowArgs(window) }),
  series: (client, id, window) => client.zdx.getAppScore({ id: Number(id), ...windowArgs(window) }),
  detailView: scoresView,
};

export default [applications];
