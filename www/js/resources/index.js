// Every view the console offers, found by its route: #/<product>/<name>.
import zpa from './zpa.js';
import zia from './zia.js';
import zidentity from './zidentity.js';

export const PRODUCT_LABELS = { zpa: 'ZPA', zia: 'ZIA', zid: 'ZIdentity' };

const all = [...zpa, ...zia, ...zidentity].map((r) => ({
  pageSize: 20,
  nameOf: (item) => item.name ?? String(item.id ?? ''),
  idOf: (item) => String(item.id ?? ''),
  ...r,
  productLabel: PRODUCT_LABELS[r.product],
}));

export function findResource(product, name) {
  return all.find((r) => r.product === product && r.name === name);
}

export const DEFAULT_ROUTE = '#/zpa/segments';
