// Forwards one allowlisted API call through the isolate's wasm client,
// which adds the OneAPI token (and re-mints once on a 401) without ever
// handing it to JS.
import { checkDestination } from './allowlist.mjs';
import { inboundHeaders, outboundHeaders } from './headers.mjs';
import { error, readLimited, secure } from './http.mjs';

const TIMEOUT_CODES = new Set(['TIMEOUT']);

export async function forward(request, apiPath, { config, client, secrets }) {
  const url = new URL(request.url);
  const verdict = checkDestination(request.method, apiPath, config);
  if (!verdict.ok) {
    return error(verdict.status, verdict.error, verdict.allow ? { allow: verdict.allow.join(', ') } : {});
  }
  let body;
  if (request.method !== 'GET') {
    body = await readLimited(request, config.bodyLimit);
    if (body === null) return error(413, `request body over ${config.bodyLimit} bytes`);
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
    if (err?.name === 'InvalidArgumentError') return error(403, 'destination not allowed');
    return error(TIMEOUT_CODES.has(err?.code) ? 504 : 502, 'upstream request failed', {}, { code: err?.code });
  }
  if (answer.status === 401) {
    // The wasm client already re-minted once; this is our credential
    // problem, not the browser session's, so it must not read as 401.
    return error(502, 'upstream refused the API credentials');
  }
  if (secrets.some((s) => answer.body.includes(s))) return error(502, 'upstream response withheld');
  const headers = secure(inboundHeaders(answer.headers));
  headers.set('cache-control', 'no-store');
  const empty = answer.status === 204 || answer.status === 304 || request.method === 'HEAD';
  return new Response(empty ? null : answer.body, { status: answer.status, headers });
}
