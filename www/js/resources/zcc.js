// ZCC views. Devices are a plain array with page/pageSize and no totals;
// the API filters them by user name (`username`), not by device name.
// A device is named by its host name and identified by its udid.
import { args, whenText } from './common.js';

const fetchPage = (client, q) => (page, pageSize) =>
  client.zcc.listDevices(args({ page, pageSize, username: q || undefined }));

const plural = (n) => (n === 1 ? 'device' : 'devices');

const devices = {
  product: 'zcc', name: 'devices', title: 'Devices', singular: 'device',
  search: { label: 'Search devices by user name', placeholder: 'User name' },
  async listPage(client, { page, pageSize, q }) {
    const items = await fetchPage(client, q)(page, pageSize);
    return { items, hasNext: items.length === pageSize };
  },
  all: (client, { q }) => client.zcc.iterDevices(args({ pageSize: 500, username: q || undefined })),
  nameOf: (d) => d.machineHostname || d.udid || '',
  idOf: (d) => String(d.udid ?? ''),
  columns: [
    { key: 'machineHostname', label: 'Host name' },
    { key: 'user', label: 'User', value: (d) => d.user ?? '' },
    { key: 'osVersion', label: 'OS', value: (d) => d.osVersion ?? '', secondary: true },
    { key: 'registrationState', label: 'Registration', value: (d) => d.registrationState ?? '' },
    { key: 'agentVersion', label: 'Client version', value: (d) => d.agentVersion ?? '', secondary: true },
    { key: 'last_seen_time', label: 'Last seen', value: (d) => whenText(d.last_seen_time), secondary: true },
  ],
  detail: [
    ['Owner', (d) => d.owner ?? ''],
    ['Manufacturer', (d) => d.manufacturer ?? ''],
    ['MAC address', (d) => d.macAddress ?? ''],
    ['Policy', (d) => d.policyName ?? ''],
    ['Tunnel version', (d) => d.tunnelVersion ?? ''],
    ['Registered', (d) => whenText(d.registration_time)],
  ],
  get: (client, udid) => client.zcc.getDeviceDetails({ udid }),
  // Removal (the API's removeDevices, a soft remove) takes udids, so one
  // call serves the detail page and a multi-select alike.
  removal: {
    verb: 'Remove',
    confirm: (items) => (items.length === 1
      ? `Remove 1 device, “${devices.nameOf(items[0])}”?`
      : `Remove ${items.length} ${plural(items.length)}?`),
    // The API says how many it removed; trust that over what was asked.
    done: (items, result) => {
      const n = Number.isFinite(result?.devicesRemoved) ? result.devicesRemoved : items.length;
      return `Removed ${n} ${plural(n)}.`;
    },
    run: (client, items) => client.zcc.removeDevices({ body: { udids: items.map((d) => devices.idOf(d)) } }),
  },
};

export default [devices];
