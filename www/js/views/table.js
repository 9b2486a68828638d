// A results table with sortable columns. Sorting orders the rows on
// screen (a page, or everything after "Load all"): ZPA lists have no
// server-side sort, so pretending otherwise would mislead.
import { h, routeHref } from '../dom.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export const cellText = (col, item) => String((col.value ? col.value(item) : item[col.key]) ?? '');

export function sortItems(columns, items, sort) {
  const col = columns.find((c) => c.key === sort?.key);
  if (!col) return items;
  const sign = sort.dir === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => sign * collator.compare(cellText(col, a), cellText(col, b)));
}

function headerCell(col, sort, onSort) {
  const active = sort?.key === col.key;
  const dir = active ? sort.dir : null;
  const label = h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '' });
  const button = h('button', {
    type: 'button',
    class: 'sort',
    title: `Sort by ${col.label}`,
    onclick: () => onSort({ key: col.key, dir: active && dir === 'asc' ? 'desc' : 'asc' }),
  }, col.label, label);
  return h('th', {
    scope: 'col',
    class: [col.secondary && 'secondary', col.numeric && 'num'].filter(Boolean).join(' ') || undefined,
    'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none',
  }, button);
}

/** A checkbox whose label is text (visually hidden), never an attribute. */
function checkCell(tag, labelText, checked, onChange) {
  const box = h('input', { type: 'checkbox', onchange: (e) => onChange(e.target.checked) });
  box.checked = checked;
  return h(tag, { class: 'select' }, h('label', null, box, h('span', { class: 'visually-hidden', text: labelText })));
}

/** `selection` ({ has(item), set(item, on) }) adds a checkbox column. */
export function renderTable(resource, items, sort, onSort, selection) {
  const [first, ...rest] = resource.columns;
  const sorted = sortItems(resource.columns, items, sort);
  const rows = sorted.map((item) => h('tr', null,
    selection ? checkCell('td', `Select ${resource.nameOf(item)}`, selection.has(item), (on) => selection.set(item, on)) : null,
    h('th', { scope: 'row' }, h('a', { href: routeHref(resource.product, resource.name, resource.idOf(item)) },
      cellText(first, item) || '(no name)')),
    rest.map((col) => h('td', {
      class: [col.secondary && 'secondary', col.numeric && 'num'].filter(Boolean).join(' ') || undefined,
    }, cellText(col, item))),
  ));
  return h('table', { class: 'results' },
    h('caption', { class: 'visually-hidden', text: `${resource.productLabel} ${resource.title}` }),
    h('thead', null, h('tr', null,
      selection ? checkCell('th', 'Select all on this page', sorted.length > 0 && sorted.every(selection.has), (on) => {
        sorted.forEach((item) => selection.set(item, on));
        rows.forEach((tr) => { tr.querySelector('.select input').checked = on; });
      }) : null,
      resource.columns.map((c) => headerCell(c, sort, onSort)))),
    h('tbody', null, rows));
}
