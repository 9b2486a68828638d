// ZIA views. Lists are plain arrays with page/pageSize and no totals, and
// every write is staged until activation (see activation.js).
import { args, names, pagesOf } from './common.js';
import { text, textarea } from '../fields.js';

function paged(listName) {
  const fetchPage = (client, q) => async (page, pageSize) =>
    client.zia[listName](args({ page, pageSize, search: q || undefined }));
  return {
    async listPage(client, { page, pageSize, q }) {
      const items = await fetchPage(client, q)(page, pageSize);
      return { items, hasNext: items.length === pageSize };
    },
    all: (client, { q }) => pagesOf(fetchPage(client, q), 100),
  };
}

const users = {
  product: 'zia', name: 'users', title: 'Users', singular: 'user',
  ...paged('listUsers'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'email', label: 'Email', value: (u) => u.email ?? '' },
    { key: 'department', label: 'Department', value: (u) => u.department?.name ?? '', secondary: true },
    { key: 'groups', label: 'Groups', value: (u) => names(u.groups), secondary: true },
  ],
  detail: [['Comments', (u) => u.comments ?? ''], ['Admin user', (u) => (u.adminUser ? 'Yes' : 'No')]],
  get: (client, id) => client.zia.getUser({ userId: Number(id) }),
};

const nameAndComments = [text('name', 'Name', { required: true }), textarea('comments', 'Comments')];

const groups = {
  product: 'zia', name: 'groups', title: 'Groups', singular: 'group',
  ...paged('listGroups'),
  columns: [{ key: 'name', label: 'Name' }, { key: 'comments', label: 'Comments', value: (g) => g.comments ?? '' }],
  detail: [],
  get: (client, id) => client.zia.getGroup({ groupId: Number(id) }),
  fields: nameAndComments,
  create: (client, body) => client.zia.createGroup({ body }),
  update: (client, id, patch) => client.zia.patchGroup({ groupId: Number(id), patch }),
  remove: (client, id) => client.zia.deleteGroup({ groupId: Number(id) }),
};

const departments = {
  product: 'zia', name: 'departments', title: 'Departments', singular: 'department',
  ...paged('listDepartments'),
  columns: [{ key: 'name', label: 'Name' }, { key: 'comments', label: 'Comments', value: (d) => d.comments ?? '' }],
  detail: [],
  get: (client, id) => client.zia.getDepartment({ departmentId: Number(id) }),
  fields: nameAndComments,
  create: (client, body) => client.zia.createDepartment({ body }),
  update: (client, id, patch) => client.zia.patchDepartment({ departmentId: Number(id), patch }),
  remove: (client, id) => client.zia.deleteDepartment({ departmentId: Number(id) }),
};

export default [users, groups, departments];
