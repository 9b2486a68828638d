// Response helpers shared by every route: JSON bodies, and the headers
// every answer carries so no route can forget them.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; " +
  "trusted-types 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Adds the headers every response carries; `html` adds the page CSP. */
export function secure(headers, { html = false } = {}) {
  for (const [k, v] of Object.entries(BASE_HEADERS)) headers.set(k, v);
  if (html) headers.set('content-security-policy', CSP);
  return headers;
}

/** A JSON answer that is never cached (it may describe a session). */
export function json(status, value, extra = {}) {
  const headers = secure(new Headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra }));
  return new Response(JSON.stringify(value), { status, headers });
}

export const error = (status, message, extra, fields = {}) => json(status, { error: message, ...fields }, extra);

export function noContent(extra = {}) {
  return new Response(null, { status: 204, headers: secure(new Headers({ 'cache-control': 'no-store', ...extra })) });
}

/** Reads a request body as text, refusing more than `limit` bytes even
 *  when Content-Length is absent or lies. Returns null when too large. */
export async function readLimited(request, limit) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Same-origin check for state-changing calls: a browser always sends
 *  Origin on cross-site POSTs, so a foreign one is refused. */
export function foreignOrigin(request) {
  const origin = request.headers.get('origin');
  return origin !== null && origin !== new URL(request.url).origin;
}
