// Every view the console offers, found by its route: #/<product>/<name>,
// where <product> is the product's registry name (products.json).
import { routeHref } from '../dom.js';
import { titleOf } from '../products.js';
import zpa from './zpa.js';
import zia from './zia.js';
import zidentity from './zidentity.js';
import zcc from './zcc.js';
import ztw from './ztw.js';
import zdx from './zdx.js';
import zwa from './zwa.js';

export const RESOURCES = [...zpa, ...zia, ...zidentity, ...zcc, ...ztw, ...zdx, ...zwa].map((r) => ({
  pageSize: 20,
  nameOf: (item) => item.name ?? String(item.id ?? ''),
  idOf: (item) => String(item.id ?? ''),
  // The plural in running text ("45 application segments").
  noun: r.title.toLowerCase(),
  ...r,
  // Read when a view renders, after the registry has loaded.
  get productLabel() {
    return titleOf(r.product);
  },
}));

export function findResource(product, name) {
  return RESOURCES.find((r) => r.product === product && r.name === name);
}

// The first view of the first product.
export const DEFAULT_ROUTE = routeHref(RESOURCES[0].product, RESOURCES[0].name);
