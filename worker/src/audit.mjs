// The audit trail's two ends in the worker: recording a forwarded write
// (proxy.mjs calls recordWrite) and the read routes GET /audit (JSON) and
// GET /audit.csv. The trail itself lives in the tenant's state
// (tenant-audit.mjs, through tenant-link.mjs).
import { error, json, secure } from './http.mjs';
import { PRODUCTS } from './registry.mjs';
import { classify, personOf, toCsv } from './tenant-audit.mjs';

/** Records one write that went to the API (whatever its answer). Never
 *  throws: the write has happened, so the caller must get its answer even
 *  when the trail cannot be reached; the log says so (no values). */
export async function recordWrite(state, session, method, apiPath, status, requestId) {
  let path = apiPath;
  // Readable in the trail: the allowlist refuses encoded `/`, `.` and `\`,
  // so decoding never changes which resource the path names.
  try {
    path = decodeURIComponent(apiPath);
  } catch {}
  try {
    const entry = {
      // The idempotency key: the link may retry the call with this same
      // entry, and the trail records an id once.
      id: crypto.randomUUID(),
      at: Date.now(),
      person: await personOf(session),
      method,
      path,
      status,
      requestId: requestId ?? null,
      ...classify(PRODUCTS, apiPath),
    };
    await state.tenant.audit.record(entry);
  } catch (err) {
    console.error(`audit record failed: ${err?.name}`);
  }
}

/** The API's request id of an answer: OneAPI's own header first, as the
 *  wasm client reads it. */
export function requestIdOf(pairs) {
  const get = (name) => pairs.find(([n]) => n.toLowerCase() === name)?.[1];
  return get('x-oneapi-request-id') ?? get('x-request-id') ?? null;
}

function filterOf(url, max) {
  const q = url.searchParams;
  const limit = Number(q.get('limit'));
  return {
    person: q.get('person') || undefined,
    product: q.get('product') || undefined,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, max) : undefined,
  };
}

/** GET /audit (JSON, newest first) and GET /audit.csv; the caller has
 *  already checked the session and the CSRF header. Any role may read. */
export async function auditRoute(request, state, path) {
  if (request.method !== 'GET') return error(405, 'method not allowed', { allow: 'GET' });
  const { maxEntries } = state.config.audit;
  const filter = filterOf(new URL(request.url), maxEntries);
  const entries = await state.tenant.audit.list(filter);
  if (path === '/audit') {
    return json(200, { entries, shared: state.tenant.shared, retention: { maxEntries, maxAgeDays: state.config.audit.maxAgeDays } });
  }
  const headers = secure(new Headers({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="audit.csv"',
    'cache-control': 'no-store',
  }));
  return new Response(toCsv(entries), { status: 200, headers });
}
