// Which upstream calls a session may make: the configured API origin, each
// product's own base paths, the methods each allows, and for the read-only
// role GET plus the POSTs the registry lists as reads (`read_posts`).
// Everything else is refused before anything is sent.
//
// The products, their path patterns and tenant segments come from the
// registry (products.json), so a new product needs no edit here.
import { PRODUCTS } from './registry.mjs';

const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** One allowlist rule per registry product that declares a pattern. */
function rulesFrom(products) {
  return products
    .filter((p) => p.allowlist?.pattern)
    .map((p) => ({
      re: new RegExp(p.allowlist.pattern),
      methods: ['GET', ...WRITE],
      // POSTs the spec marks `x-zscaler-read` (ZWA's searches): reads, so
      // the read-only role may send them.
      readPosts: p.allowlist.read_posts ? new RegExp(p.allowlist.read_posts) : null,
      // A product whose paths carry the tenant (`/<segment>/<id>/`) may
      // only be called for the configured one.
      tenant: p.allowlist.tenant_segment
        ? new RegExp(`/${escapeRe(p.allowlist.tenant_segment)}/([^/]+)(/|$)`)
        : null,
    }));
}

function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const RULES = rulesFrom(PRODUCTS);

// Encoded dots, slashes and backslashes could turn an allowed-looking path
// into another one once the upstream decodes it.
const TRICKY = /%2e|%2f|%5c|%00|\\|\/\.{1,2}(\/|$)|\/\//i;
const SAFE_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]+$/;

/** `{ ok: true, read }` (read: a GET or a read POST) or `{ status, error }` for a method and an API path
 *  (already stripped of `/api`, still percent-encoded as received). */
export function checkDestination(method, path, { apiOrigin, customerId, readOnly }) {
  if (!SAFE_CHARS.test(path) || TRICKY.test(path)) return { status: 403, error: 'destination not allowed' };
  const rule = RULES.find((r) => r.re.test(path));
  if (!rule) return { status: 403, error: 'destination not allowed' };
  if (rule.tenant) {
    const m = path.match(rule.tenant);
    if (m && m[1] !== customerId) return { status: 403, error: 'destination not allowed' };
  }
  let target;
  try {
    target = new URL(path, apiOrigin);
  } catch {
    return { status: 403, error: 'destination not allowed' };
  }
  if (target.origin !== apiOrigin) return { status: 403, error: 'destination not allowed' };
  if (!rule.methods.includes(method)) return { status: 405, error: 'method not allowed', allow: rule.methods };
  const isRead = method === 'GET' || (method === 'POST' && Boolean(rule.readPosts?.test(path)));
  if (readOnly && !isRead) return { status: 403, error: 'read-only role' };
  return { ok: true, read: isRead };
}
