// A list view: search by name, server-side pages, "Load all", sortable
// columns, and clear empty and error states.
import { h, routeHref } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { describe } from '../errors.js';
import { renderTable } from './table.js';
import { loadAll } from './loadall.js';
import { bulkRemoval } from './select.js';

const sorts = new Map();

function listHref(resource, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  const qs = query.toString();
  return routeHref(resource.product, resource.name) + (qs ? `?${qs}` : '');
}

// `resource.search`: absent for a name search, { label, placeholder } for
// another field, null when the API has no text filter.
function searchForm(resource, q) {
  if (resource.search === null) return null;
  const input = h('input', { id: 'q', type: 'search', name: 'q', autocomplete: 'off', placeholder: resource.search?.placeholder ?? 'Name contains…' });
  input.value = q;
  return h('form', {
    class: 'search',
    role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      location.hash = listHref(resource, { q: input.value.trim() });
    },
  },
  h('label', { for: 'q' }, resource.search?.label ?? `Search ${resource.noun} by name`),
  h('div', { class: 'row' }, input, h('button', { type: 'submit' }, 'Search'),
    q ? h('a', { class: 'button', href: listHref(resource, {}) }, 'Clear') : null));
}

function emptyState(resource, q) {
  const what = resource.noun;
  return h('div', { class: 'empty' },
    h('p', null, q ? `No ${what} match “${q}”.` : `There are no ${what} yet.`),
    q ? h('a', { href: listHref(resource, {}) }, 'Show all') : null);
}

export function errorState(title, err, retry) {
  return h('div', { class: 'error-state', role: 'alert' },
    h('p', { class: 'error-title' }, title),
    h('p', null, describe(err)),
    retry ? h('button', { type: 'button', onclick: retry }, 'Try again') : null);
}

export async function listView(main, resource, params, isCurrent) {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const key = `${resource.product}/${resource.name}`;
  let items = [];
  let allLoaded = false;

  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const loadAllButton = h('button', { type: 'button', disabled: true }, 'Load all');
  const progress = h('div', { class: 'progress', hidden: true });
  const results = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading…'));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const canCreate = resource.create && !app.readOnly;
  // Removal of several at once, for resources that have it; never for
  // the read-only role. A success reloads the page of the list.
  const bulk = resource.removal && !app.readOnly
    ? bulkRemoval(resource, () => listView(main, resource, params, isCurrent)) : null;

  main.replaceChildren(h('section', { class: 'view' },
    h('div', { class: 'view-head' },
      h('h1', { tabindex: -1 }, h('span', { class: 'product' }, resource.productLabel), ' ', resource.title),
      canCreate ? h('a', { class: 'button primary', href: routeHref(resource.product, resource.name, 'new') },
        `New ${resource.singular}`) : null),
    searchForm(resource, q),
    h('div', { class: 'toolbar' }, summary, h('div', { class: 'actions' }, bulk?.button, loadAllButton)),
    progress, results, pager));

  const drawTable = () => {
    if (items.length === 0) results.replaceChildren(emptyState(resource, q));
    else {
      results.replaceChildren(renderTable(resource, items, sorts.get(key), (sort) => {
        sorts.set(key, sort);
        drawTable();
        results.querySelector(`th[aria-sort="${sort.dir === 'asc' ? 'ascending' : 'descending'}"] button`)?.focus();
      }, bulk?.selection));
    }
  };

  const drawPager = (result) => {
    if (allLoaded) return pager.replaceChildren();
    const last = result.totalPages || (result.hasNext ? page + 1 : page);
    const go = (p) => () => { location.hash = listHref(resource, { q, page: p > 1 ? String(p) : '' }); };
    pager.replaceChildren(
      h('button', { type: 'button', disabled: page <= 1, onclick: go(page - 1) }, '‹ Previous'),
      h('span', { class: 'page-of' }, result.totalPages ? `Page ${page} of ${result.totalPages}` : `Page ${page}`),
      h('button', { type: 'button', disabled: page >= last, onclick: go(page + 1) }, 'Next ›'));
  };

  let result;
  try {
    result = await run(() => resource.listPage(app.client, { page, pageSize: resource.pageSize, q }));
  } catch (err) {
    if (!isCurrent()) return;
    results.replaceChildren(errorState(`Could not load ${resource.noun}.`, err,
      () => listView(main, resource, params, isCurrent)));
    return;
  }
  if (!isCurrent()) return;
  items = result.items;
  const total = result.totalCount;
  summary.textContent = total !== undefined ? `${total} ${total === 1 ? resource.singular : resource.noun}` : `${items.length} on this page`;
  drawTable();
  drawPager(result);
  loadAllButton.disabled = !(result.totalPages > 1 || result.hasNext || page > 1);

  loadAllButton.addEventListener('click', async () => {
    loadAllButton.disabled = true;
    pager.replaceChildren();
    const done = await loadAll(progress, resource.all(app.client, { q }), {
      total,
      noun: resource.noun,
      onItems: (got) => {
        if (!isCurrent()) return;
        items = got.slice();
        drawTable();
      },
    });
    if (!isCurrent()) return;
    allLoaded = !done.cancelled && !done.error;
    const n = done.items.length;
    if (done.error) {
      summary.textContent = `Stopped after ${n}: ${describe(done.error)}`;
      if (done.error.name === 'AuthError' || done.error.status === 401) window.dispatchEvent(new CustomEvent('session-expired'));
    } else if (done.cancelled) summary.textContent = `Cancelled: loaded ${n}${total ? ` of ${total}` : ''}.`;
    else summary.textContent = `All ${n} loaded.`;
    loadAllButton.disabled = allLoaded;
  });
}
