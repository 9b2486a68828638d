// Create and edit forms. Edits send only the changed fields through the
// client's patch helper (GET → merge → PUT), so fields this form does not
// show survive. A failed save leaves the user's input where it was.
import { h, routeHref } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { describe } from '../errors.js';
import { notify } from '../notice.js';
import { bodyOf, control, patchOf, validate } from '../fields.js';
import { errorState } from './list.js';
import { afterWrite } from './writes.js';

function fieldRow(field, input, id) {
  const label = h('label', { for: id }, field.label, field.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
  const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const cls = field.kind === 'checkbox' ? 'field check' : 'field';
  return field.kind === 'checkbox'
    ? h('div', { class: cls }, input, label, hint, error)
    : h('div', { class: cls }, label, hint, input, error);
}

export async function formView(main, resource, id, isCurrent) {
  const editing = id !== null;
  const back = h('a', { class: 'back', href: editing ? routeHref(resource.product, resource.name, id) : routeHref(resource.product, resource.name) },
    editing ? '← Back' : `← ${resource.title}`);
  main.replaceChildren(h('section', { class: 'view' }, back, h('p', { class: 'muted' }, 'Loading…')));

  const selects = resource.fields.filter((f) => f.loadOptions);
  let original = {};
  const options = {};
  try {
    const loaded = await Promise.all([
      editing ? run(() => resource.get(app.client, id)) : null,
      ...selects.map((f) => run(() => f.loadOptions(app.client))),
    ]);
    original = loaded[0] ?? {};
    selects.forEach((f, i) => { options[f.key] = loaded[i + 1]; });
  } catch (err) {
    if (isCurrent()) main.replaceChildren(h('section', { class: 'view' }, back, errorState('Could not open the form.', err)));
    return;
  }
  if (!isCurrent()) return;

  const controls = {};
  const rows = resource.fields.map((f) => {
    const fieldId = `field-${f.key}`;
    controls[f.key] = control(f, fieldId, f.fromObject(editing ? original : {}), options[f.key]);
    return fieldRow(f, controls[f.key], fieldId);
  });
  const message = h('p', { class: 'form-message', id: 'form-message', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save changes' : `Create ${resource.singular}`);
  const title = editing ? `Edit “${resource.nameOf(original)}”` : `New ${resource.singular}`;
  const form = h('form', { class: 'card form', novalidate: true },
    message, rows,
    h('div', { class: 'actions' }, save, h('a', { class: 'button', href: back.getAttribute('href') }, 'Cancel')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(resource.fields.map((f) => [f.key, f.read(controls[f.key])]));
    const errors = validate(resource.fields, values);
    for (const f of resource.fields) {
      const el = controls[f.key];
      el.toggleAttribute('aria-invalid', Boolean(errors[f.key]));
      if (errors[f.key]) el.setAttribute('aria-invalid', 'true');
      form.querySelector(`#field-${CSS.escape(f.key)}-error`).textContent = errors[f.key] ?? '';
    }
    const bad = Object.keys(errors);
    if (bad.length) {
      message.textContent = bad.length === 1 ? 'Check the field marked below.' : `Check the ${bad.length} fields marked below.`;
      controls[bad[0]].focus();
      return;
    }
    message.textContent = '';
    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      let targetId = id;
      if (editing) {
        const patch = patchOf(resource.fields, values, original);
        if (Object.keys(patch).length) await run(() => resource.update(app.client, id, patch));
      } else {
        const created = await run(() => resource.create(app.client, bodyOf(resource.fields, values)));
        targetId = String(created?.id ?? '');
      }
      notify(`Saved the ${resource.singular} “${values.name ?? ''}”.`, 'ok');
      afterWrite(resource);
      location.hash = targetId ? routeHref(resource.product, resource.name, targetId) : routeHref(resource.product, resource.name);
    } catch (err) {
      message.textContent = `Not saved. ${describe(err)} Your input is still here.`;
      save.disabled = false;
      save.textContent = editing ? 'Save changes' : `Create ${resource.singular}`;
      message.focus?.();
    }
  });

  main.replaceChildren(h('section', { class: 'view' }, back,
    h('h1', { tabindex: -1 }, h('span', { class: 'product' }, resource.productLabel), ' ', title), form));
}
