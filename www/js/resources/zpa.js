// ZPA views. Search is ZPA's `name LIKE <text>`, so the user types plain
// text; pages and totals come from the server (totals are strings).
import { args, names, when, yesNo } from './common.js';
import { checkbox, domains, ports, select, text, textarea } from '../fields.js';

const search = (q) => (q ? `name LIKE ${q}` : undefined);

function paged(listName, iterName) {
  return {
    async listPage(client, { page, pageSize, q }) {
      const r = await client.zpa[listName](args({ page, pagesize: pageSize, search: search(q) }));
      return { items: r.list ?? [], totalCount: Number(r.totalCount ?? 0), totalPages: Number(r.totalPages ?? 0) };
    },
    all: (client, { q }) => client.zpa[iterName](args({ pagesize: 20, search: search(q) })),
  };
}

async function segmentGroupOptions(client) {
  const r = await client.zpa.listSegmentGroups({ page: 1, pagesize: 500 });
  return (r.list ?? []).map((g) => ({ value: g.id, label: g.name ?? g.id }));
}

const segments = {
  product: 'zpa', name: 'segments', title: 'Application segments', singular: 'application segment',
  ...paged('listApplicationSegments', 'iterApplicationSegments'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'domains', label: 'Domains', value: (s) => (s.domainNames ?? []).join(', ') },
    { key: 'group', label: 'Segment group', value: (s) => s.segmentGroupName ?? '', secondary: true },
    { key: 'tcp', label: 'TCP ports', value: (s) => (s.tcpPortRange ?? []).map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`)).join(', '), secondary: true },
    { key: 'enabled', label: 'Enabled', value: (s) => yesNo(s.enabled) },
  ],
  detail: [
    ['Description', (s) => s.description ?? ''],
    ['Server groups', (s) => names(s.serverGroups)],
    ['Modified', (s) => when(s.modifiedTime)],
  ],
  get: (client, id) => client.zpa.getApplicationSegment({ applicationId: id }),
  fields: [
    text('name', 'Name', { required: true }),
    textarea('description', 'Description'),
    domains('domainNames', 'Domains', { required: true }),
    select('segmentGroupId', 'Segment group', segmentGroupOptions, { required: true }),
    ports('tcp', 'TCP ports', { required: true }),
    checkbox('enabled', 'Enabled'),
  ],
  create: (client, body) => client.zpa.createApplicationSegment({ body }),
  update: (client, id, patch) => client.zpa.patchApplicationSegment({ applicationId: id, patch }),
  remove: (client, id) => client.zpa.deleteApplicationSegment({ applicationId: id }),
};

const segmentGroups = {
  product: 'zpa', name: 'segment-groups', title: 'Segment groups', singular: 'segment group',
  ...paged('listSegmentGroups', 'iterSegmentGroups'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'description', label: 'Description', value: (g) => g.description ?? '', secondary: true },
    { key: 'apps', label: 'Applications', value: (g) => String((g.applications ?? []).length), numeric: true },
    { key: 'enabled', label: 'Enabled', value: (g) => yesNo(g.enabled) },
  ],
  detail: [['Applications', (g) => names(g.applications)], ['Modified', (g) => when(g.modifiedTime)]],
  get: (client, id) => client.zpa.getSegmentGroup({ segmentGroupId: id }),
  fields: [text('name', 'Name', { required: true }), textarea('description', 'Description'), checkbox('enabled', 'Enabled')],
  create: (client, body) => client.zpa.createSegmentGroup({ body }),
  update: (client, id, patch) => client.zpa.patchSegmentGroup({ segmentGroupId: id, patch }),
  remove: (client, id) => client.zpa.deleteSegmentGroup({ segmentGroupId: id }),
};

const serverGroups = {
  product: 'zpa', name: 'server-groups', title: 'Server groups', singular: 'server group',
  ...paged('listServerGroups', 'iterServerGroups'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'description', label: 'Description', value: (g) => g.description ?? '', secondary: true },
    { key: 'discovery', label: 'Dynamic discovery', value: (g) => yesNo(g.dynamicDiscovery) },
    { key: 'enabled', label: 'Enabled', value: (g) => yesNo(g.enabled) },
  ],
  detail: [['Connector groups', (g) => names(g.appConnectorGroups)], ['Modified', (g) => when(g.modifiedTime)]],
  get: (client, id) => client.zpa.getServerGroup({ groupId: id }),
};

const idps = {
  product: 'zpa', name: 'idps', title: 'Identity providers', navLabel: 'IdPs', singular: 'identity provider',
  ...paged('listIdps', 'iterIdps'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'domains', label: 'Domains', value: (i) => (i.domainList ?? []).join(', '), secondary: true },
    { key: 'sso', label: 'SSO for', value: (i) => (i.ssoType ?? []).join(', ') },
    { key: 'enabled', label: 'Enabled', value: (i) => yesNo(i.enabled) },
  ],
  detail: [['Entity id', (i) => i.idpEntityId ?? ''], ['Login URL', (i) => i.loginUrl ?? '']],
  get: (client, id) => client.zpa.getIdp({ idpId: id }),
};

export default [segments, segmentGroups, serverGroups, idps];
