// The Activity view (#/activity?person=&product=): the backend's audit
// trail of writes, newest first, filtered by person and product, with JSON
// and CSV exports of what the filters select. Every value from the trail
// (identities, paths, request ids) is someone else's data, so it is set as
// text through h() only, never as markup.
import { h } from '../dom.js';
import { notify } from '../notice.js';
import { productNames, titleOf } from '../products.js';

// The backend's CSRF check, as for every call that reaches the API.
const HEADERS = { 'x-requested-with': 'zscaler-wasm' };
const SHOWN = 500;

function query(filter, extra = {}) {
  const q = new URLSearchParams(Object.entries({ ...filter, ...extra }).filter(([, v]) => v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET an audit route; a 401 is an expired session, as for the API. */
async function fetchAudit(path) {
  const res = await fetch(path, { headers: HEADERS, cache: 'no-store' });
  if (res.status === 401) window.dispatchEvent(new CustomEvent('session-expired'));
  if (!res.ok) throw new Error(`the activity did not load (HTTP ${res.status})`);
  return res;
}

const when = (ms) => (ms ? new Date(ms).toLocaleString() : '');

/** What happened to a staged write: the activation itself, activated
 *  (when), or still pending; nothing for products that do not stage. */
function activationText(e) {
  if (e.activation) return e.status >= 200 && e.status < 300 ? 'Activation' : 'Activation (failed)';
  if (!e.staged) return '';
  if (e.activatedAt) return `Activated ${when(e.activatedAt)}`;
  return e.status >= 200 && e.status < 300 ? 'Pending activation' : '';
}

function table(entries) {
  const cols = ['Time', 'Person', 'Method', 'Path', 'Product', 'Status', 'Request id', 'Activation'];
  return h('table', { class: 'results activity' },
    h('caption', { class: 'visually-hidden', text: 'Activity: writes through this console, newest first' }),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', null, entries.map((e) => h('tr', null,
      h('td', { class: 'when', text: when(e.at) }),
      h('td', { class: 'person', text: e.person }),
      h('td', { class: 'method', text: e.method }),
      h('td', { class: 'path', text: e.path }),
      h('td', { class: 'prod', text: e.product ? titleOf(e.product) : '' }),
      h('td', { class: 'num status', text: String(e.status) }),
      h('td', { class: 'secondary request-id', text: e.requestId ?? '' }),
      h('td', { class: 'activation', text: activationText(e) }),
    ))));
}

/** Saves `text` as a file; the object URL is revoked once the click ran. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function filterForm(filter) {
  const person = h('input', { id: 'activity-person', type: 'search', name: 'person', autocomplete: 'off', placeholder: 'e.g. admin@example.com or session:…' });
  person.value = filter.person ?? '';
  const product = h('select', { id: 'activity-product', name: 'product' },
    h('option', { value: '', text: 'All products' }),
    productNames().map((n) => h('option', { value: n, text: titleOf(n) })));
  product.value = filter.product ?? '';
  return h('form', {
    class: 'search activity-filter',
    role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/activity${query({ person: person.value.trim(), product: product.value })}`;
    },
  },
  h('div', { class: 'row' },
    h('label', { for: 'activity-person' }, 'Person'), person,
    h('label', { for: 'activity-product' }, 'Product'), product,
    h('button', { type: 'submit' }, 'Filter'),
    filter.person || filter.product ? h('a', { class: 'button', href: '#/activity' }, 'Clear') : null));
}

export async function activityView(main, params, isCurrent) {
  const filter = { person: params.get('person') ?? '', product: params.get('product') ?? '' };
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  const results = h('div', { class: 'table-wrap' });
  const exportAs = (kind) => async () => {
    try {
      const res = await fetchAudit(kind === 'csv' ? `/audit.csv${query(filter)}` : `/audit${query(filter)}`);
      const text = kind === 'csv' ? await res.text() : JSON.stringify((await res.json()).entries, null, 2);
      download(`activity.${kind}`, kind === 'csv' ? 'text/csv' : 'application/json', text);
    } catch (err) {
      notify(`Export failed: ${err.message}`, 'error');
    }
  };
  main.replaceChildren(h('section', { class: 'view' },
    h('div', { class: 'view-head' }, h('h1', { tabindex: -1 }, 'Activity')),
    h('p', { class: 'muted' }, 'Every write made through this console, with who made it and what the API answered.'),
    filterForm(filter),
    h('div', { class: 'toolbar' }, summary, h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'export-json', onclick: exportAs('json') }, 'Export JSON'),
      h('button', { type: 'button', id: 'export-csv', onclick: exportAs('csv') }, 'Export CSV'))),
    results));

  let body;
  try {
    body = await (await fetchAudit(`/audit${query(filter, { limit: String(SHOWN) })}`)).json();
  } catch (err) {
    if (!isCurrent()) return;
    summary.textContent = '';
    results.replaceChildren(h('div', { class: 'error-state', role: 'alert' },
      h('p', { class: 'error-title' }, 'Could not load the activity.'), h('p', null, err.message),
      h('button', { type: 'button', onclick: () => activityView(main, params, isCurrent) }, 'Try again')));
    return;
  }
  if (!isCurrent()) return;
  const { entries, shared, retention } = body;
  const kept = `Keeps the newest ${retention.maxEntries} writes, for up to ${retention.maxAgeDays} days.`;
  // Without the backend's shared state each server copy keeps its own.
  const scope = shared ? '' : ' This server keeps only its own recent writes (no shared state), so others may be missing.';
  summary.textContent = `${entries.length} ${entries.length === 1 ? 'write' : 'writes'}${entries.length >= SHOWN ? ' (the newest shown)' : ''}. ${kept}${scope}`;
  results.replaceChildren(entries.length
    ? table(entries)
    : h('div', { class: 'empty' }, h('p', null, filter.person || filter.product ? 'No writes match these filters.' : 'No writes yet.')));
}
