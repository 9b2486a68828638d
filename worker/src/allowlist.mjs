// Which upstream calls a session may make: the configured API origin, each
// product's own base paths, the methods each allows, and GET only for the
// read-only role. Everything else is refused before anything is sent.

const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const PRODUCTS = [
  // ZPA: the OneAPI services; legacy /signin and un-prefixed paths are not here.
  { re: /^\/zpa\/(mgmtconfig|userconfig|cbiconfig|waap-pra-config)\//, methods: ['GET', ...WRITE], tenant: true },
  // ZIA: the legacy cookie session endpoint is not reachable through us.
  { re: /^\/zia\/api\/v1\/(?!authenticatedSession(\/|$))/, methods: ['GET', ...WRITE] },
  { re: /^\/ziam\/admin\/api\/v1\//, methods: ['GET', ...WRITE] },
];

// Encoded dots, slashes and backslashes could turn an allowed-looking path
// into another one once the upstream decodes it.
const TRICKY = /%2e|%2f|%5c|%00|\\|\/\.{1,2}(\/|$)|\/\//i;
const SAFE_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]+$/;

/** `{ ok: true }` or `{ status, error }` for a method and an API path
 *  (already stripped of `/api`, still percent-encoded as received). */
export function checkDestination(method, path, { apiOrigin, customerId, readOnly }) {
  if (!SAFE_CHARS.test(path) || TRICKY.test(path)) return { status: 403, error: 'destination not allowed' };
  const product = PRODUCTS.find((p) => p.re.test(path));
  if (!product) return { status: 403, error: 'destination not allowed' };
  if (product.tenant) {
    const m = path.match(/\/customers\/([^/]+)(\/|$)/);
    if (m && m[1] !== customerId) return { status: 403, error: 'destination not allowed' };
  }
  let target;
  try {
    target = new URL(path, apiOrigin);
  } catch {
    return { status: 403, error: 'destination not allowed' };
  }
  if (target.origin !== apiOrigin) return { status: 403, error: 'destination not allowed' };
  if (!product.methods.includes(method)) return { status: 405, error: 'method not allowed', allow: product.methods };
  if (readOnly && method !== 'GET') return { status: 403, error: 'read-only role' };
  return { ok: true };
}
