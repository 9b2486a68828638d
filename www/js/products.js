// The products the console knows, from the product registry the backend
// serves at /products.json (name, title, whether writes are staged), and
// the navigation built from them: one group per product that has views,
// in registry order. Titles are set as text, never as markup.
import { $, h, routeHref } from './dom.js';

let products = [];

/** Loads the registry once, before anything is rendered. */
export async function loadProducts() {
  const res = await fetch('/products.json');
  if (!res.ok) throw new Error(`the product list did not load (HTTP ${res.status})`);
  products = (await res.json()).products ?? [];
}

const byName = (name) => products.find((p) => p.name === name);

/** Every product's route name, in registry order (the Activity filter). */
export const productNames = () => products.map((p) => p.name);

/** The product's display title ("ZPA"), or its route name if unknown. */
export const titleOf = (name) => byName(name)?.title ?? name;

/** The product's staging (method names of its activation calls), or null
 *  when its writes take effect at once. */
export const stagingOf = (name) => byName(name)?.staging ?? null;

/** Whether the product stages writes until someone activates them. */
export const isStaged = (name) => stagingOf(name) !== null;

/** Fills #nav with a group per registry product that has any of `resources`. */
export function renderNav(resources) {
  const groups = products
    .map((p) => [p, resources.filter((r) => r.product === p.name)])
    .filter(([, views]) => views.length > 0)
    .map(([p, views]) => h('div', { class: 'nav-group' },
      h('span', { class: 'nav-product', text: p.title }),
      views.map((r) => h('a', { href: routeHref(r.product, r.name), text: r.navLabel ?? r.title }))));
  $('nav').replaceChildren(...groups);
}
