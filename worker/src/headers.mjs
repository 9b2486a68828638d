// Header hygiene for forwarding: what a browser sent must not reach the
// API as credentials or routing hints, and what the API answers must not
// set state on our origin.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

const REQUEST_DROP = new Set([
  ...HOP_BY_HOP,
  'cookie', 'authorization', 'host', 'origin', 'referer', 'content-length', 'accept-encoding',
  'x-requested-with', 'forwarded', 'x-real-ip', 'true-client-ip', 'cf-access-jwt-assertion',
]);
const RESPONSE_DROP = new Set([
  ...HOP_BY_HOP,
  'set-cookie', 'set-cookie2', 'content-length', 'content-encoding', 'www-authenticate',
  'strict-transport-security', 'alt-svc', 'server',
]);

const named = (headers) => new Set((headers.get?.('connection') ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean));

const dropRequest = (name) => REQUEST_DROP.has(name) || name.startsWith('cf-') || name.startsWith('x-forwarded-') || name.startsWith('sec-');
// Same-origin now: the API's CORS answers mean nothing to the page.
const dropResponse = (name) => RESPONSE_DROP.has(name) || name.startsWith('access-control-');

/** Request headers to send upstream, as [name, value] pairs. */
export function outboundHeaders(request) {
  const alsoDrop = named(request.headers);
  const out = [];
  for (const [name, value] of request.headers) {
    if (!dropRequest(name) && !alsoDrop.has(name)) out.push([name, value]);
  }
  return out;
}

/** Upstream response headers (pairs) filtered into a Headers object. */
export function inboundHeaders(pairs) {
  const conn = pairs.find(([n]) => n.toLowerCase() === 'connection');
  const alsoDrop = new Set((conn?.[1] ?? '').toLowerCase().split(',').map((s) => s.trim()));
  const out = new Headers();
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (!dropResponse(name) && !alsoDrop.has(name)) out.append(name, value);
  }
  return out;
}
