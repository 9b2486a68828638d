// How an isolate reaches the state it shares with every other isolate of
// the tenant: the TENANT Durable Object (tenant.mjs) when the binding
// exists, else this isolate's own memory (fine for one workerd process;
// on Cloudflare each isolate then mints, throttles and revokes alone).
// Both links have the same shape, so the routes do not care which it is.
import { Buckets } from './rate-limit.mjs';
import { PRODUCTS } from './registry.mjs';
import { bucketsFor, limitsFrom } from './tenant-budget.mjs';
import { AuditTrail, MemoryStorage, productAt } from './tenant-audit.mjs';

// The wasm client asks this URL for tokens (its `tokenEndpoint` source);
// the fetch hook answers it from the Durable Object. `.invalid` never
// resolves, so if the hook were ever bypassed nothing would be sent.
const TOKEN_URL = 'https://tenant-state.invalid/token';

/** A Durable Object call failed: the routes answer 503 (fail closed), never
 *  "not revoked" or "not throttled". */
export class TenantUnavailable extends Error {
  constructor(what) {
    super(`tenant state unreachable (${what})`);
    this.name = 'TenantUnavailable';
  }
}

export function tenantLink(env, config) {
  if (env.TENANT) return durableLink(env.TENANT, config);
  console.log('TENANT binding absent: state is per isolate (token, revocations, login throttle, audit trail)');
  return localLink(config);
}

function localLink(config) {
  const revoked = new Map(); // id -> expiry (ms); pruned as they lapse
  const buckets = new Buckets(config.login);
  return {
    shared: false,
    clientOptions: config.client,
    revocations: {
      async has(id) {
        return revoked.has(id);
      },
      async add(id, expires) {
        const now = Date.now();
        for (const [k, exp] of revoked) if (exp <= now) revoked.delete(k);
        revoked.set(id, expires);
      },
    },
    login: {
      async wait(key) {
        return buckets.empty(key);
      },
      async failed(key) {
        buckets.take(key);
      },
    },
    // A ring buffer of this isolate's writes only, lost with the isolate.
    audit: new AuditTrail(new MemoryStorage(), config.audit),
  };
}

/** One object per tenant: the API credential it mints for. */
function tenantName({ client }) {
  return JSON.stringify([client.clientId, client.tokenUrl ?? '', client.vanityDomain ?? '', client.cloud ?? '']);
}

// Which products have windows: the isolate asks the object only for calls
// a documented limit covers.
const LIMITS = limitsFrom(PRODUCTS);

/** The registry product an API URL belongs to, or null. */
function productOf(url, basePath) {
  let path = new URL(url).pathname;
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length);
  return productAt(PRODUCTS, path)?.name ?? null;
}

/** What the browser gets instead of the API's answer when the budget says
 *  no: as the wasm client hands it back, proxy.mjs passes it on. */
function refusal(status, error, retryAfterSeconds) {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
  });
}

function durableLink(namespace, config) {
  const id = namespace.idFromName(tenantName(config));
  // A stub per call: a stub belongs to the request that made it.
  const call = async (what, fn) => {
    try {
      return await fn(namespace.get(id));
    } catch (err) {
      console.error(`tenant state ${what} failed: ${err?.name}`);
      throw new TenantUnavailable(what);
    }
  };
  // A revocation is final, so ids already known revoked need no round trip.
  const knownRevoked = new Set();
  // The token the API last refused, passed along with the next token
  // request so the object replaces it (once, however many isolates ask).
  let stale;

  const hook = async (url, init) => {
    if (url === TOKEN_URL) {
      const refused = stale;
      stale = undefined;
      const { accessToken, expiresAt } = await call('token', (s) => s.token(refused));
      const expiresIn = Math.max(1, Math.floor((expiresAt - Date.now()) / 1000));
      return new Response(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn }), {
        headers: { 'content-type': 'application/json' },
      });
    }
    const res = await budgeted(url, init);
    const auth = init?.headers?.authorization;
    if (res.status === 401 && typeof auth === 'string' && auth.startsWith('Bearer ')) stale = auth.slice(7);
    return res;
  };

  // Every API request leases a slot of the tenant's rate budget from the
  // object first (waiting in line with every isolate's calls), and gives
  // it back once the answer's headers are in: the object counts the slot
  // from then (tenant-budget.mjs says why). The release is awaited: left
  // running, it could be cancelled with the request, and the slot would
  // stay taken until its lease lapses.
  const basePath = config.client.baseUrl ? new URL(config.client.baseUrl).pathname.replace(/\/$/, '') : '';
  const budgeted = async (url, init) => {
    const product = productOf(url, basePath);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!product || !bucketsFor(LIMITS, product, method).length) return fetch(url, init);
    let lease;
    try {
      // Forwarded calls carry no operationId, so operation quotas are left
      // to the API (as in the wasm client's own pacer).
      lease = await call('lease', (s) => s.lease(product, method, undefined, config.budgetMaxWaitMs));
    } catch (err) {
      if (!(err instanceof TenantUnavailable)) throw err;
      // Fail closed: without the object no isolate knows what the others sent.
      return refusal(503, 'rate budget unavailable', 1);
    }
    if (lease.retryAfterMs !== undefined) return refusal(429, 'rate budget exhausted', Math.max(1, Math.ceil(lease.retryAfterMs / 1000)));
    try {
      if (init?.signal?.aborted) throw init.signal.reason ?? new Error('aborted');
      return await fetch(url, init);
    } finally {
      await call('release', (s) => s.release(lease.id)).catch(() => {});
    }
  };

  // The isolate's client keeps its own cache of the object's token (no
  // round trip per call) and asks again a minute before it lapses.
  const { clientId, clientSecret, privateKey, tokenUrl, vanityDomain, ...rest } = config.client;
  return {
    shared: true,
    // The object's budget paces every isolate: the client's own pacer,
    // which sees only this isolate's calls, would only add waits.
    clientOptions: { ...rest, pacing: false, tokenEndpoint: TOKEN_URL, fetch: hook },
    revocations: {
      async has(sessionId) {
        if (knownRevoked.has(sessionId)) return true;
        const revoked = await call('isRevoked', (s) => s.isRevoked(sessionId));
        if (revoked) {
          if (knownRevoked.size >= 10_000) knownRevoked.clear();
          knownRevoked.add(sessionId);
        }
        return revoked;
      },
      add: (sessionId, expires) => call('revoke', (s) => s.revoke(sessionId, expires)),
    },
    login: {
      wait: (key) => call('loginWait', (s) => s.loginWait(key)),
      failed: (key) => call('loginFailed', (s) => s.loginFailed(key)),
    },
    audit: {
      // One retry with the same entry: its id makes the object record it
      // once even when the first call did land but its answer was lost.
      record: (entry) => call('auditRecord', (s) => s.auditRecord(entry)).catch(() => call('auditRecord', (s) => s.auditRecord(entry))),
      list: (filter) => call('auditList', (s) => s.auditList(filter)),
    },
  };
}
