// The backend-for-frontend worker: serves the admin page and its wasm
// package, authenticates admins, and forwards their allowlisted API calls
// with a OneAPI token that only this worker (inside wasm) ever holds.
// The npm package by name: its `workerd` entry imports the .wasm as a
// compiled module and instantiates it at import, so wrangler bundles the
// worker from an installed package alone (no Rust, no pkg/). The local
// workerd config (make-config.mjs) lays the repository's build out as
// that same package.
import { ZscalerClient } from 'zscaler-wasm';
import { AccessVerifier } from './access-jwt.mjs';
import { serveAsset } from './assets.mjs';
import { auditRoute } from './audit.mjs';
import { authRoute, identify, mediateToken } from './auth.mjs';
import { readConfig } from './config.mjs';
import { error } from './http.mjs';
import { forward } from './proxy.mjs';
import { Buckets } from './rate-limit.mjs';
import { Sessions } from './sessions.mjs';
import { tenantLink, TenantUnavailable } from './tenant-link.mjs';

// The Durable Object class the TENANT binding names (wrangler.toml).
export { TenantState } from './tenant.mjs';

const CSRF_HEADER = 'x-requested-with';
const CSRF_VALUE = 'zscaler-wasm';

// One state per isolate: one wasm client, so its token cache and
// single-flight minting are shared by every request this isolate serves.
// What must be one across isolates (the token's mint, revocations, login
// throttle) goes through `tenant`: the Durable Object, or this isolate's
// memory when the binding is absent.
let state;

function isolateState(env) {
  if (!state) {
    const config = readConfig(env);
    const tenant = tenantLink(env, config);
    state = {
      config,
      tenant,
      client: new ZscalerClient(tenant.clientOptions),
      sessions: new Sessions(config.sessionSecret, config.sessionTtl, tenant.revocations),
      verifier: config.auth.mode === 'access' ? new AccessVerifier(config.auth) : null,
      apiBuckets: new Buckets(config.rate),
      // Last-resort scrub: values that must never leave in a response.
      secrets: [env.ZSCALER_CLIENT_SECRET, env.ZSCALER_PRIVATE_KEY].filter((s) => typeof s === 'string' && s.length >= 8),
    };
    if (!config.sessionSecret && config.auth.mode === 'password') {
      console.log('SESSION_SECRET not set: sessions are signed with a per-isolate random key');
    }
  }
  return state;
}

/** Session, CSRF header and rate limit, for every call that reaches the
 *  API (and the audit trail): `{ denied }`, a response, or `{ session }`. */
async function guard(request, s) {
  const session = await identify(request, s);
  if (!session) return { denied: error(401, 'session expired') };
  if (request.headers.get(CSRF_HEADER) !== CSRF_VALUE) return { denied: error(403, `missing ${CSRF_HEADER} header`) };
  const wait = s.apiBuckets.take(session.id);
  if (wait) return { denied: error(429, 'too many requests', { 'retry-after': String(wait) }) };
  return { session };
}

async function route(request, env) {
  const url = new URL(request.url);
  const path = url.pathname;
  let s;
  try {
    s = isolateState(env);
  } catch (err) {
    // The message names the binding at fault, never a value.
    console.error(`configuration error: ${err.message}`);
    return error(500, 'worker misconfigured');
  }
  const auth = authRoute(request, s, path);
  if (auth) return auth;
  if (path === '/api' || path.startsWith('/api/')) {
    const { denied, session } = await guard(request, s);
    return denied ?? forward(request, path.slice(4), s, session);
  }
  // The audit trail of writes (audit.mjs): same guard as /api; any role.
  if (path === '/audit' || path === '/audit.csv') {
    const { denied } = await guard(request, s);
    return denied ?? auditRoute(request, s, path);
  }
  if (path === '/token') {
    if (!s.config.tokenMediating) return error(404, 'not found');
    if (request.method !== 'POST') return error(405, 'method not allowed', { allow: 'POST' });
    return (await guard(request, s)).denied ?? mediateToken(s);
  }
  return serveAsset(request, env);
}

export default {
  async fetch(request, env) {
    try {
      return await route(request, env);
    } catch (err) {
      // Fail closed: without the shared state no session is known good.
      if (err instanceof TenantUnavailable) return error(503, 'session state unavailable', { 'retry-after': '1' });
      console.error(`unhandled: ${err?.name}`);
      return error(500, 'internal error');
    }
  },
};
