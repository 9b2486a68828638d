// ZTW (Cloud & Branch Connector) views, read only: edge connector groups
// and locations. Lists are plain arrays with page/pageSize, a `search`
// filter and no totals, as in ZIA.
import { args, names, yesNo } from './common.js';

function paged(listName, iterName) {
  const fetchPage = (client, q) => (page, pageSize) =>
    client.ztw[listName](args({ page, pageSize, search: q || undefined }));
  return {
    async listPage(client, { page, pageSize, q }) {
      const items = await fetchPage(client, q)(page, pageSize);
      return { items, hasNext: items.length === pageSize };
    },
    all: (client, { q }) => client.ztw[iterName](args({ pageSize: 100, search: q || undefined })),
  };
}

const region = (g) => g.awsRegion || g.azureRegion || g.gcpRegion || '';

const groups = {
  product: 'ztw', name: 'connector-groups', title: 'Edge connector groups', navLabel: 'Connector groups',
  singular: 'edge connector group',
  ...paged('listEcGroups', 'iterEcGroups'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'deployType', label: 'Deployment', value: (g) => g.deployType ?? '' },
    { key: 'platform', label: 'Platform', value: (g) => g.platform ?? '', secondary: true },
    { key: 'location', label: 'Location', value: (g) => g.location?.name ?? '' },
    { key: 'vms', label: 'Connectors', value: (g) => String((g.vms ?? []).length), numeric: true, secondary: true },
  ],
  detail: [
    ['Description', (g) => g.desc ?? ''],
    ['Region', region],
    ['Tunnel mode', (g) => g.tunnelMode ?? ''],
    ['Connector VMs', (g) => names(g.vms)],
    ['Provisioning template', (g) => g.provTemplate?.name ?? ''],
    ['Auto scale', (g) => yesNo(g.autoScale)],
  ],
  get: (client, id) => client.ztw.getEcGroup({ id: Number(id) }),
};

const locations = {
  product: 'ztw', name: 'locations', title: 'Locations', singular: 'location',
  ...paged('listLocations', 'iterLocations'),
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'country', label: 'Country', value: (l) => l.country ?? '' },
    { key: 'tz', label: 'Time zone', value: (l) => l.tz ?? '', secondary: true },
    { key: 'ecLocation', label: 'Edge location', value: (l) => yesNo(l.ecLocation) },
    { key: 'ips', label: 'IP addresses', value: (l) => (l.ipAddresses ?? []).join(', '), secondary: true },
  ],
  detail: [
    ['Description', (l) => l.description ?? ''],
    ['Profile', (l) => l.profile ?? ''],
    ['State', (l) => l.state ?? ''],
    ['Managed by', (l) => l.managedBy?.name ?? ''],
    ['Sub-locations', (l) => (l.childCount === undefined ? '' : String(l.childCount))],
  ],
  get: (client, id) => client.ztw.getLocation({ id: Number(id) }),
};

export default [groups, locations];
