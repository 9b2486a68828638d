// ZIdentity views: offset/limit pages with a reported total.
import { args, offsetsOf } from './common.js';

function paged(listName, searchParam) {
  const fetchPage = (client, q) => (offset, limit) =>
    client.zidentity[listName](args({ offset, limit, [searchParam]: q || undefined }));
  return {
    async listPage(client, { page, pageSize, q }) {
      const r = await fetchPage(client, q)((page - 1) * pageSize, pageSize);
      const totalCount = Number(r.results_total ?? r.totalRecord ?? 0);
      return { items: r.records ?? [], totalCount, totalPages: Math.ceil(totalCount / pageSize) };
    },
    all: (client, { q }) => offsetsOf(fetchPage(client, q), 100),
  };
}

const users = {
  product: 'zidentity', name: 'users', title: 'Users', singular: 'user',
  ...paged('listUsers', 'displayname[like]'),
  nameOf: (u) => u.displayName ?? u.loginName ?? u.id,
  columns: [
    { key: 'displayName', label: 'Display name' },
    { key: 'loginName', label: 'Login name', value: (u) => u.loginName ?? '' },
    { key: 'department', label: 'Department', value: (u) => u.department?.name ?? '', secondary: true },
    { key: 'source', label: 'Source', value: (u) => u.source ?? '', secondary: true },
    { key: 'status', label: 'Active', value: (u) => (u.status === false ? 'No' : 'Yes') },
  ],
  detail: [['Email', (u) => u.primaryEmail ?? ''], ['IdP', (u) => u.idp?.name ?? '']],
  get: (client, id) => client.zidentity.getUser({ id }),
};

const groups = {
  product: 'zidentity', name: 'groups', title: 'Groups', singular: 'group',
  ...paged('listGroups', 'search'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'description', label: 'Description', value: (g) => g.description ?? '', secondary: true },
    { key: 'source', label: 'Source', value: (g) => g.source ?? '' },
    { key: 'dynamic', label: 'Dynamic', value: (g) => (g.dynamicGroup ? 'Yes' : 'No') },
  ],
  detail: [],
  get: (client, id) => client.zidentity.getGroup({ id }),
};

export default [users, groups];
