// One item: its main fields, every field as JSON text, and the edit and
// delete actions where the API allows them.
import { h, jsonText, routeHref } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { describe } from '../errors.js';
import { notify } from '../notice.js';
import { confirmAction } from '../confirm.js';
import { cellText } from './table.js';
import { errorState } from './list.js';
import { afterWrite } from './writes.js';
import { noteForm, sections } from './extras.js';

export async function detailView(main, resource, id, isCurrent) {
  const back = h('a', { class: 'back', href: routeHref(resource.product, resource.name) }, `← ${resource.title}`);
  main.replaceChildren(h('section', { class: 'view' }, back, h('p', { class: 'muted' }, 'Loading…')));
  let item;
  try {
    item = await run(() => resource.get(app.client, id));
  } catch (err) {
    if (isCurrent()) main.replaceChildren(h('section', { class: 'view' }, back, errorState(`Could not load this ${resource.singular}.`, err)));
    return;
  }
  if (!isCurrent()) return;
  const name = resource.nameOf(item);
  const rows = [
    ...resource.columns.slice(1).map((c) => [c.label, cellText(c, item)]),
    ...resource.detail.map(([label, value]) => [label, value(item)]),
    ['ID', resource.idOf(item)],
  ];
  const actions = h('div', { class: 'actions' });
  if (resource.update && !app.readOnly) {
    actions.append(h('a', { class: 'button primary', href: routeHref(resource.product, resource.name, id, 'edit') }, 'Edit'));
  }
  if (resource.removal && !app.readOnly) {
    // Removal through the resource's (multi-item) operation, one item here.
    const { removal } = resource;
    const rm = h('button', { type: 'button', class: 'danger' }, removal.verb);
    rm.addEventListener('click', async () => {
      if (!(await confirmAction(removal.confirm([item]), removal.verb))) return;
      rm.disabled = true;
      try {
        const result = await run(() => removal.run(app.client, [item]));
        notify(removal.done([item], result), 'ok');
        location.hash = routeHref(resource.product, resource.name);
      } catch (err) {
        notify(`Could not ${removal.verb.toLowerCase()} “${name}”: ${describe(err)}`, 'error', { sticky: true });
        rm.disabled = false;
      }
    });
    actions.append(rm);
  }
  if (resource.remove && !app.readOnly) {
    const del = h('button', { type: 'button', class: 'danger' }, 'Delete');
    del.addEventListener('click', async () => {
      const ok = await confirmAction(`Delete the ${resource.singular} “${name}”? This cannot be undone.`, 'Delete');
      if (!ok) return;
      del.disabled = true;
      try {
        await run(() => resource.remove(app.client, id));
        notify(`Deleted the ${resource.singular} “${name}”.`, 'ok');
        afterWrite(resource);
        location.hash = routeHref(resource.product, resource.name);
      } catch (err) {
        notify(`Could not delete “${name}”: ${describe(err)}`, 'error', { sticky: true });
        del.disabled = false;
      }
    });
    actions.append(del);
  }
  main.replaceChildren(h('section', { class: 'view' },
    back,
    h('div', { class: 'view-head' },
      h('h1', { tabindex: -1 }, h('span', { class: 'product' }, resource.productLabel), ' ', name), actions),
    h('dl', { class: 'fields' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value || '—')])),
    sections(resource, id, item),
    noteForm(resource, id, item, name, () => detailView(main, resource, id, isCurrent)),
    h('details', { class: 'raw' }, h('summary', null, 'All fields (JSON)'),
      h('pre', null, jsonText(item, 2)))));
}
