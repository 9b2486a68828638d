// ZWA views: DLP incidents. The list is the incident search (a POST that
// only reads), paged with page/pageSize and answered with a `cursor`
// holding the totals. An incident is closed with a note through the
// spec's close operation; its notes and evidence link show on the detail.
import { args, whenText } from './common.js';

const search = (client, page, pageSize) =>
  client.zwa.searchIncidents(args({ page, pageSize, body: {} }));

const person = (v) => (v && typeof v === 'object' ? v.name ?? v.email ?? '' : v == null ? '' : String(v));

const incidents = {
  product: 'zwa', name: 'incidents', title: 'DLP incidents', navLabel: 'Incidents', singular: 'DLP incident', noun: 'DLP incidents',
  // The search takes field filters and a time range, not a name.
  search: null,
  async listPage(client, { page, pageSize }) {
    const r = await search(client, page, pageSize);
    const totalCount = Number(r.cursor?.totalElements ?? (r.incidents ?? []).length);
    return { items: r.incidents ?? [], totalCount, totalPages: Number(r.cursor?.totalPages ?? 1) };
  },
  all: (client) => client.zwa.iterSearchIncidents({ pageSize: 100, body: {} }),
  nameOf: (i) => i.transactionId || i.internalId || '',
  idOf: (i) => String(i.internalId ?? ''),
  columns: [
    { key: 'transactionId', label: 'Transaction' },
    { key: 'user', label: 'User', value: (i) => i.userInfo?.name ?? i.userInfo?.email ?? '' },
    { key: 'severity', label: 'Severity', value: (i) => i.severity ?? '' },
    { key: 'status', label: 'Status', value: (i) => i.status ?? '' },
    { key: 'sourceType', label: 'Source', value: (i) => i.sourceType ?? '', secondary: true },
    { key: 'matchCount', label: 'Matches', value: (i) => (i.matchCount === undefined ? '' : String(i.matchCount)), numeric: true, secondary: true },
    { key: 'createdAt', label: 'Created', value: (i) => whenText(i.createdAt), secondary: true },
  ],
  detail: [
    ['Priority', (i) => i.priority ?? ''],
    ['Resolution', (i) => i.resolution ?? ''],
    ['Closed code', (i) => i.closedCode ?? ''],
    ['Assigned admin', (i) => person(i.assignedAdmin)],
    ['Department', (i) => i.userInfo?.department ?? ''],
    ['Labels', (i) => (i.labels ?? []).map((l) => (l?.value ? `${l.key}: ${l.value}` : l?.key ?? '')).join(', ')],
    ['Last updated', (i) => whenText(i.lastUpdatedAt)],
  ],
  get: (client, id) => client.zwa.getIncident({ dlpIncidentId: id }),
  // Extra sections under the fields: each row is [label, text].
  sections: [
    {
      title: 'Notes',
      empty: 'No notes yet.',
      rows: async (client, id, item) => (item.notes ?? []).map((n) => [
        [person(n.createdBy), whenText(n.createdAt)].filter(Boolean).join(' · ') || 'Note', n.body ?? '']),
    },
    {
      title: 'Evidence',
      empty: 'No evidence recorded.',
      rows: async (client, id) => {
        const e = await client.zwa.getIncidentEvidence({ dlpIncidentId: id });
        // The link is shown as text, never made clickable: it is API data.
        return [['File', e?.fileName ?? ''], ['Type', e?.fileType ?? ''], ['Evidence URL', e?.evidenceURL ?? '']]
          .filter(([, v]) => v);
      },
    },
  ],
  // Close with a note (the spec's closeIncident); not offered once closed.
  noteAction: {
    label: 'Close incident',
    noteLabel: 'Closing note',
    codeLabel: 'Resolution code (optional)',
    codeHint: 'For example FALSE_POSITIVE.',
    applies: (i) => !/^closed$/i.test(i.status ?? ''),
    run: (client, id, { note, code }) =>
      client.zwa.closeIncident({ dlpIncidentId: id, body: args({ notes: note, resolutionCode: code || undefined }) }),
    done: (name) => `Closed the DLP incident “${name}”.`,
  },
};

export default [incidents];
