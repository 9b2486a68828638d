// Forwards one allowlisted API call through the isolate's wasm client,
// which adds the OneAPI token (and re-mints once on a 401) without ever
// handing it to JS.
import { checkDestination } from './allowlist.mjs';
import { inboundHeaders, outboundHeaders } from './headers.mjs';
import { error, readLimited, secure } from './http.mjs';
import { recordWrite, requestIdOf } from './audit.mjs';

const TIMEOUT_CODES = new Set(['TIMEOUT']);

/** `session`: who is calling, for the audit trail of writes. */
export async function forward(request, apiPath, state, session) {
  const answer = await relay(request, apiPath, state);
  // Writes that reached the API (or may have) go into the audit trail,
  // refused ones (allowlist, body size) do not: they never left.
  if (answer.sent && !answer.read) await recordWrite(state, session, request.method, apiPath, answer.response.status, answer.requestId);
  return answer.response;
}

async function relay(request, apiPath, { config, client, secrets }) {
  const url = new URL(request.url);
  const verdict = checkDestination(request.method, apiPath, config);
  if (!verdict.ok) {
    return { response: error(verdict.status, verdict.error, verdict.allow ? { allow: verdict.allow.join(', ') } : {}) };
  }
  const sent = (response, requestId = null) => ({ sent: true, read: verdict.read, response, requestId });
  let body;
  if (request.method !== 'GET') {
    body = await readLimited(request, config.bodyLimit);
    if (body === null) return { response: error(413, `request body over ${config.bodyLimit} bytes`) };
  }
  let answer;
  try {
    answer = await client.forward({
      method: request.method,
      path: apiPath,
      query: url.search.slice(1) || undefined,
      headers: outboundHeaders(request),
      body: body || undefined,
    });
  } catch (err) {
    // Name and code only: the message is for our logs, not for browsers.
    console.error(`forward failed: ${err?.name} ${err?.code ?? ''}`);
    if (err?.name === 'InvalidArgumentError') return { response: error(403, 'destination not allowed') };
    // A timeout may have reached the API: recorded as a write that was sent.
    return sent(error(TIMEOUT_CODES.has(err?.code) ? 504 : 502, 'upstream request failed', {}, { code: err?.code }));
  }
  const requestId = requestIdOf(answer.headers);
  if (answer.status === 401) {
    // The wasm client already re-minted once; this is our credential
    // problem, not the browser session's, so it must not read as 401.
    return sent(error(502, 'upstream refused the API credentials'), requestId);
  }
  if (secrets.some((s) => answer.body.includes(s))) return sent(error(502, 'upstream response withheld'), requestId);
  const headers = secure(inboundHeaders(answer.headers));
  headers.set('cache-control', 'no-store');
  const empty = answer.status === 204 || answer.status === 304 || request.method === 'HEAD';
  return sent(new Response(empty ? null : answer.body, { status: answer.status, headers }), requestId);
}
