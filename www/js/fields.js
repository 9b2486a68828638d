// Form field kinds. Each knows how to show a value from the API object,
// read the user's input back, check it, and turn it into body fields.
import { h, jsonText } from './dom.js';

const splitList = (text) => text.split(/[,\n]+/).map((s) => s.trim()).filter(Boolean);
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

function base(key, label, opts) {
  return {
    key,
    label,
    required: false,
    hint: '',
    fromObject: (obj) => obj?.[key] ?? '',
    toBody: (value) => ({ [key]: value }),
    check: () => null,
    ...opts,
  };
}

export function text(key, label, opts = {}) {
  return base(key, label, {
    kind: 'text',
    read: (el) => el.value.trim(),
    check: (v) => (v.length > (opts.max ?? 255) ? `Use at most ${opts.max ?? 255} characters.` : null),
    ...opts,
  });
}

export function textarea(key, label, opts = {}) {
  return { ...text(key, label, opts), kind: 'textarea' };
}

export function checkbox(key, label, opts = {}) {
  return base(key, label, { kind: 'checkbox', fromObject: (obj) => obj?.[key] ?? true, read: (el) => el.checked, ...opts });
}

export function domains(key, label, opts = {}) {
  return base(key, label, {
    kind: 'text',
    hint: 'Separate several with commas, e.g. app.example.com, *.corp.example.com',
    fromObject: (obj) => (obj?.[key] ?? []).join(', '),
    read: (el) => el.value,
    toBody: (value) => ({ [key]: splitList(value) }),
    check: (value) => {
      const bad = splitList(value).find((d) => !DOMAIN.test(d));
      return bad ? `“${bad}” is not a domain name. Use letters, digits, dots and hyphens.` : null;
    },
    ...opts,
  });
}

/** "443, 8000-8080" ⇄ ZPA's tcpPortRange objects (and the legacy pairs). */
export function ports(key, label, opts = {}) {
  const objKey = `${key}PortRange`;
  const pairKey = `${key}PortRanges`;
  return base(key, label, {
    kind: 'text',
    hint: 'Ports or ranges separated by commas, e.g. 443, 8000-8080',
    fromObject: (obj) => (obj?.[objKey] ?? [])
      .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', '),
    read: (el) => el.value,
    toBody: (value) => {
      const ranges = splitList(value).map((p) => {
        const [from, to = from] = p.split('-');
        return { from, to };
      });
      return { [objKey]: ranges, [pairKey]: ranges.flatMap((r) => [r.from, r.to]) };
    },
    check: (value) => {
      for (const p of splitList(value)) {
        const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p);
        const from = Number(m?.[1]);
        const to = Number(m?.[2] ?? m?.[1]);
        if (!m || from < 1 || to > 65535 || from > to) {
          return `“${p}” is not a port. Use numbers from 1 to 65535, or ranges like 8000-8080.`;
        }
      }
      return null;
    },
    ...opts,
  });
}

/** A choice among items loaded from the API, e.g. segment groups. */
export function select(key, label, loadOptions, opts = {}) {
  return base(key, label, { kind: 'select', loadOptions, read: (el) => el.value, ...opts });
}

/** The input element for a field, labelled and tied to its messages. */
export function control(field, id, value, options = []) {
  const describedBy = [field.hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const common = { id, name: field.key, 'aria-describedby': describedBy, required: field.required };
  if (field.kind === 'textarea') return h('textarea', { ...common, rows: 3, text: value });
  if (field.kind === 'checkbox') {
    const box = h('input', { ...common, type: 'checkbox' });
    box.checked = Boolean(value);
    return box;
  }
  if (field.kind === 'select') {
    const sel = h('select', common, h('option', { value: '', text: 'Choose…' }),
      options.map((o) => h('option', { value: o.value, text: o.label })));
    sel.value = value ?? '';
    return sel;
  }
  const input = h('input', { ...common, type: 'text', autocomplete: 'off' });
  input.value = value ?? '';
  return input;
}

/** Field errors for the current input, as { key: message }. */
export function validate(fields, values) {
  const errors = {};
  for (const f of fields) {
    const v = values[f.key];
    const empty = f.kind === 'checkbox' ? false : String(v ?? '').trim() === '';
    if (f.required && empty) errors[f.key] = `${f.label} is required.`;
    else if (!empty) {
      const msg = f.check(v);
      if (msg) errors[f.key] = msg;
    }
  }
  return errors;
}

/** The request body for create, from every field. */
export function bodyOf(fields, values) {
  return Object.assign({}, ...fields.map((f) => f.toBody(values[f.key])));
}

/** A merge patch holding only what the user changed, so the helper's
 * GET → merge → PUT leaves every other field as the server has it. */
export function patchOf(fields, values, original) {
  const patch = {};
  for (const f of fields) {
    const before = f.toBody(f.fromObject(original));
    const after = f.toBody(values[f.key]);
    if (jsonText(before) !== jsonText(after)) Object.assign(patch, after);
  }
  return patch;
}
