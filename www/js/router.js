// Hash routes: #/<product>/<name>[?q=&page=] lists, …/<id> details,
// …/<id>/edit and …/new forms. Each render gets isCurrent() so a slow
// answer for a page the user already left is dropped.
import { $ } from './dom.js';
import { DEFAULT_ROUTE, findResource } from './resources/index.js';
import { listView } from './views/list.js';
import { detailView } from './views/detail.js';
import { formView } from './views/form.js';
import { activityView } from './views/activity.js';
import { hideActivation, refreshActivation } from './activation.js';
import { isStaged } from './products.js';

let generation = 0;

export function parseHash(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

function markNav(href) {
  for (const a of $('nav').querySelectorAll('a')) {
    if (a.getAttribute('href') === href) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

export const ACTIVITY = 'activity';

async function renderActivity(params) {
  const mine = ++generation;
  markNav(`#/${ACTIVITY}`);
  hideActivation();
  const main = $('main');
  await activityView(main, params, () => mine === generation);
  if (mine === generation) {
    document.title = 'Activity · Zscaler console';
    main.querySelector('h1')?.focus({ preventScroll: true });
  }
}

export async function render() {
  const { parts, params } = parseHash(location.hash);
  const [product, name, id, action] = parts;
  // The audit trail is not a product's view: its own route.
  if (product === ACTIVITY && !name) return renderActivity(params);
  const resource = findResource(product, name);
  if (!resource) {
    location.replace(DEFAULT_ROUTE);
    return;
  }
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  const main = $('main');
  markNav(`#/${product}/${name}`);
  if (isStaged(product)) refreshActivation(product);
  else hideActivation();

  if (id === 'new' && resource.create) await formView(main, resource, null, isCurrent);
  else if (id && action === 'edit' && resource.update) await formView(main, resource, id, isCurrent);
  else if (id) await (resource.detailView ?? detailView)(main, resource, id, isCurrent);
  else await listView(main, resource, params, isCurrent);
  if (isCurrent()) {
    document.title = `${main.querySelector('h1')?.textContent ?? 'Console'} · Zscaler console`;
    main.querySelector('h1')?.focus({ preventScroll: true });
  }
}
