// The only way this page builds DOM. Children that are strings become Text
// nodes and props never reach innerHTML, so API data can't become markup.

/** Create an element: h('td', { class: 'x' }, 'text', childNode). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (typeof value === 'boolean') el.toggleAttribute(key, value);
    else el.setAttribute(key, String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export const $ = (id) => document.getElementById(id);

/** JSON text of API data, to show or compare. The client hands integers
 * beyond 2^53 over as BigInts, which JSON.stringify refuses; they keep
 * their digits here (unquoted where the browser has JSON.rawJSON). */
export function jsonText(value, indent) {
  return JSON.stringify(value, (key, v) => (typeof v !== 'bigint' ? v
    : JSON.rawJSON ? JSON.rawJSON(String(v)) : String(v)), indent);
}

/** An in-page link to a route; parts are URL-encoded so ids stay data. */
export function routeHref(...parts) {
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}
