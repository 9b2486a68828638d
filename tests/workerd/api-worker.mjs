// A test worker for the JS API's call-level features inside workerd, one
// case per `/api/<case>` route: call options as a method's second
// argument, the `fetch` client option, `client.request`, and the
// normalised error fields. Each case answers JSON describing what happened
// (never a verdict), so tests/js/workerd-api.test.mjs judges it against the
// emulator and against the same call made in Node. Latency comes from the
// emulator's fault injection, which the test arms before calling.
import { ZscalerClient } from 'zscaler-wasm';

const CUSTOMER_ID = '216196257331281920';

/** A `fetch` option that goes out through workerd's own fetch and keeps a
 *  log of each request: what was sent and whether its signal fired. */
function recordingFetch() {
  const seen = [];
  const fetch = (url, init = {}) => {
    const entry = { method: init.method ?? 'GET', path: new URL(url).pathname, headers: new Headers(init.headers), signal: init.signal };
    seen.push(entry);
    return globalThis.fetch(url, init);
  };
  return { fetch, seen };
}

/** The log as JSON: the headers the test asks about, and the signal's state now. */
function log(seen, headerNames = []) {
  return seen.map((e) => ({
    method: e.method,
    path: e.path,
    aborted: e.signal?.aborted ?? null,
    headers: Object.fromEntries(headerNames.map((n) => [n, e.headers.get(n)])),
  }));
}

/** What a failure carries; the message is left out (no case needs it). */
function describe(err) {
  return {
    name: err?.name, code: err?.code, status: err?.status, productCode: err?.productCode,
    method: err?.method, url: err?.url, operation: err?.operation, body: err?.body,
    isError: err instanceof Error, cause: err?.cause?.message ?? null,
    causeIsThrown: err?.cause !== undefined && err?.cause === globalThis.lastThrown,
  };
}

function client(env, extra = {}) {
  return new ZscalerClient({
    clientId: 'emulator-client', clientSecret: 'emulator-secret', customerId: CUSTOMER_ID,
    baseUrl: env.EMULATOR_URL, tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`, pacing: false, ...extra,
  });
}

/** Runs `call`, timing it; `{ ok, value | error, ms }`. */
async function outcome(call) {
  const started = Date.now();
  try {
    const value = await call();
    return { ok: true, value, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, error: describe(err), ms: Date.now() - started };
  }
}

const CASES = {
  /** An abort after `after` ms, with `reason` as the signal's reason. */
  async abort(env, q) {
    const { fetch, seen } = recordingFetch();
    const c = client(env, { fetch });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error(q.get('reason'))), Number(q.get('after')));
    const result = await outcome(() => c.zia.listUsers({}, { signal: controller.signal }));
    return { ...result, seen: log(seen) };
  },

  /** A signal aborted before the call: nothing may be sent. */
  async preAborted(env) {
    const { fetch, seen } = recordingFetch();
    const result = await outcome(() => client(env, { fetch }).zia.listUsers({}, { signal: AbortSignal.abort() }));
    return { ...result, seen: log(seen) };
  },

  /** `timeoutMs` for one call, the client's own timeout left at its default. */
  async timeout(env, q) {
    const { fetch, seen } = recordingFetch();
    const c = client(env, { fetch, maxAttempts: 1 });
    const result = await outcome(() => c.zia.listUsers({}, { timeoutMs: Number(q.get('ms')) }));
    return { ...result, seen: log(seen) };
  },

  /** maxAttempts and headers for one call (the client says otherwise), then
   *  a plain call that must use the client's own settings again. */
  async overrides(env) {
    const { fetch, seen } = recordingFetch();
    const c = client(env, { fetch, maxAttempts: 3, retryBaseDelayMs: 1, retryMaxDelayMs: 2, headers: { 'x-team': 'client' } });
    const once = await outcome(() => c.zia.listUsers({ pageSize: 1 }, { maxAttempts: 1, headers: { 'X-Team': 'call' } }));
    const onceSeen = log(seen.splice(0), ['x-team']);
    const again = await outcome(() => c.zia.listUsers({ pageSize: 1 }));
    return { once, onceSeen, again: { ...again, value: again.value?.length }, againSeen: log(seen, ['x-team']) };
  },

  /** withResponse: the data with the status and headers of the answer. */
  async withResponse(env) {
    const r = await client(env).zia.listUsers({ pageSize: 2 }, { withResponse: true });
    return { status: r.status, data: r.data, contentType: r.headers['content-type'] ?? null };
  },

  /** The `fetch` option carries the token call and the API calls. */
  async fetchOption(env) {
    const { fetch, seen } = recordingFetch();
    const users = await client(env, { fetch }).zia.listUsers({ pageSize: 1000 });
    return { count: users.length, seen: log(seen) };
  },

  /** A `fetch` that throws for API calls: the thrown object must come back
   *  as the TransportError's `cause`, the call named. */
  async throwingFetch(env, q) {
    const { fetch: recording } = recordingFetch();
    const fetch = (url, init) => {
      if (String(url).includes('/oauth2/')) return recording(url, init);
      globalThis.lastThrown = new TypeError(q.get('reason'));
      throw globalThis.lastThrown;
    };
    return outcome(() => client(env, { fetch, maxAttempts: 1 }).zia.listUsers({ search: 'x y' }));
  },

  /** Bad options and arguments: each a typed error, nothing sent. */
  async badInput(env) {
    const { fetch, seen } = recordingFetch();
    const tries = {
      misspeltFunction: () => client(env, { fetch, onlog: () => {} }),
      notAFunction: () => client(env, { fetch, onLog: 'x' }),
      secondArgument: () => client(env, { fetch }).zia.listUsers({}, 'fast'),
      unknownCallOption: () => client(env, { fetch }).zia.listUsers({}, { retries: 2 }),
    };
    const out = {};
    for (const [name, run] of Object.entries(tries)) {
      try {
        await run();
        out[name] = { ok: true };
      } catch (err) {
        out[name] = { ...describe(err), message: err.message };
      }
    }
    return { out, seen: log(seen) };
  },

  /** Pacing on: three ZIA GETs at once, the third waits, and onLog says so. */
  async waits(env) {
    const events = [];
    const c = client(env, { pacing: true, onLog: (e) => events.push({ phase: e.phase, operation: e.operation, waitMs: e.waitMs ?? null, message: e.message ?? null }) });
    await Promise.all([0, 1, 2].map(() => c.zia.listUsers({ pageSize: 1 })));
    return { events };
  },

  /** client.request with a route the test builds (placeholders, query, options). */
  async request(env, q) {
    const params = JSON.parse(q.get('params'));
    return outcome(() => client(env).request(q.get('route'), params, { withResponse: true, maxAttempts: 1 }));
  },
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const name = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : '';
    const run = Object.hasOwn(CASES, name) ? CASES[name] : null;
    if (!run) return Response.json({ error: `no case ${name}` }, { status: 404 });
    return Response.json(await run(env, url.searchParams));
  },
};
