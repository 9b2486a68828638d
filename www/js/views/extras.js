// What some details add under their fields, declared by the resource:
// `sections` (titled lists of [label, text] rows loaded after the item,
// such as an incident's notes and evidence) and `noteAction` (an action
// that takes a note, such as closing an incident). All API text is set
// as text; a section that fails to load says so without hiding the rest.
import { h } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { describe } from '../errors.js';
import { notify } from '../notice.js';

export function sections(resource, id, item) {
  return (resource.sections ?? []).map((s, i) => {
    const headingId = `section-${i}`;
    const body = h('div', { class: 'section-body' }, h('p', { class: 'muted', text: 'Loading…' }));
    run(() => s.rows(app.client, id, item)).then((rows) => {
      body.replaceChildren(rows.length
        ? h('dl', { class: 'fields' }, rows.map(([label, value]) => [h('dt', { text: label }), h('dd', { text: value || '—' })]))
        : h('p', { class: 'muted', text: s.empty }));
    }, (err) => {
      body.replaceChildren(h('p', { class: 'error-title', role: 'alert', text: `Could not load ${s.title.toLowerCase()}: ${describe(err)}` }));
    });
    return h('section', { class: 'extra', 'aria-labelledby': headingId },
      h('h2', { class: 'section-title', id: headingId, text: s.title }), body);
  });
}

/** The note form, or null when the action does not apply or may not run. */
export function noteForm(resource, id, item, name, onDone) {
  const action = resource.noteAction;
  if (!action || app.readOnly || !action.applies(item)) return null;
  const note = h('textarea', { id: 'action-note', name: 'note', rows: 3, required: true, 'aria-describedby': 'action-message' });
  const code = h('input', { id: 'action-code', name: 'code', type: 'text', autocomplete: 'off', 'aria-describedby': 'action-code-hint' });
  const message = h('p', { id: 'action-message', class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', text: action.label });
  const form = h('form', {
    class: 'form note-action',
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const text = note.value.trim();
      if (!text) {
        message.textContent = `${action.noteLabel} is required.`;
        note.setAttribute('aria-invalid', 'true');
        note.focus();
        return;
      }
      note.removeAttribute('aria-invalid');
      message.textContent = '';
      submit.disabled = true;
      try {
        await run(() => action.run(app.client, id, { note: text, code: code.value.trim() }));
        notify(action.done(name), 'ok');
        onDone();
      } catch (err) {
        // The note stays in the box so nothing typed is lost.
        message.textContent = `Not done: ${describe(err)}`;
        submit.disabled = false;
      }
    },
  },
  h('h2', { class: 'section-title', text: action.label }),
  h('label', { for: 'action-note', text: action.noteLabel }), note,
  h('label', { for: 'action-code', text: action.codeLabel }), code,
  h('p', { id: 'action-code-hint', class: 'hint', text: action.codeHint }),
  message,
  h('div', { class: 'actions' }, submit));
  return form;
}
