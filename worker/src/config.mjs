// Reads the worker's bindings once per isolate. Names follow the official
// SDKs' environment variables; see docs/worker.md for the full list.
import { parseHash } from './password.mjs';
import { AUDIT_DEFAULTS, AUDIT_MAX_ENTRIES_LIMIT } from './tenant-audit.mjs';

const flag = (v) => /^(1|true|yes|on)$/i.test(String(v ?? '').trim());

function number(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

function clientOptions(env) {
  if (!env.ZSCALER_CLIENT_ID) throw new Error('ZSCALER_CLIENT_ID is not set');
  if (!env.ZSCALER_CLIENT_SECRET && !env.ZSCALER_PRIVATE_KEY) {
    throw new Error('set ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY');
  }
  const options = {
    clientId: env.ZSCALER_CLIENT_ID,
    customerId: env.ZPA_CUSTOMER_ID || undefined,
    microtenantId: env.ZPA_MICROTENANT_ID || undefined,
    vanityDomain: env.ZSCALER_VANITY_DOMAIN || undefined,
    cloud: env.ZSCALER_CLOUD || undefined,
    baseUrl: env.ZSCALER_API_BASE_URL || undefined,
    tokenUrl: env.ZSCALER_TOKEN_URL || undefined,
    // Browsers run their own client with retries and pacing; the worker
    // passes answers (429s included) straight back to them.
    maxAttempts: 1,
    pacing: flag(env.PACING),
  };
  if (env.ZSCALER_PRIVATE_KEY) options.privateKey = env.ZSCALER_PRIVATE_KEY;
  else options.clientSecret = env.ZSCALER_CLIENT_SECRET;
  for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
  return options;
}

function apiOrigin(env) {
  if (env.ZSCALER_API_BASE_URL) return new URL(env.ZSCALER_API_BASE_URL).origin;
  return env.ZSCALER_CLOUD ? `https://api.${env.ZSCALER_CLOUD}.zsapi.net` : 'https://api.zsapi.net';
}

function authConfig(env) {
  const mode = (env.AUTH_MODE || 'password').toLowerCase();
  if (mode === 'password') {
    if (!env.ADMIN_PASSWORD_HASH) throw new Error('ADMIN_PASSWORD_HASH is not set (AUTH_MODE=password)');
    return { mode, hash: parseHash(env.ADMIN_PASSWORD_HASH) };
  }
  if (mode === 'access') {
    if (!env.ACCESS_AUD) throw new Error('ACCESS_AUD is not set (AUTH_MODE=access)');
    if (!env.ACCESS_JWKS && !env.ACCESS_PUBLIC_KEY) throw new Error('set ACCESS_JWKS or ACCESS_PUBLIC_KEY (AUTH_MODE=access)');
    return {
      mode,
      aud: env.ACCESS_AUD,
      issuer: env.ACCESS_ISSUER || undefined,
      jwks: env.ACCESS_JWKS || undefined,
      publicKey: env.ACCESS_PUBLIC_KEY || undefined,
    };
  }
  throw new Error('AUTH_MODE must be "password" or "access"');
}

/** Validated configuration; throws a message naming the bad binding
 *  (never its value). */
export function readConfig(env) {
  return {
    client: clientOptions(env),
    apiOrigin: apiOrigin(env),
    customerId: env.ZPA_CUSTOMER_ID || '',
    auth: authConfig(env),
    readOnly: flag(env.READ_ONLY),
    tokenMediating: flag(env.TOKEN_MEDIATING),
    sessionTtl: number(env, 'SESSION_TTL_SECONDS', 3600),
    sessionSecret: env.SESSION_SECRET || '',
    bodyLimit: number(env, 'MAX_BODY_BYTES', 1024 * 1024),
    rate: { burst: number(env, 'RATE_LIMIT_BURST', 100), perSecond: number(env, 'RATE_LIMIT_PER_SECOND', 20) },
    // Longest an API call waits for the tenant's shared rate budget
    // (TENANT binding) before the browser gets 429 and Retry-After.
    budgetMaxWaitMs: number(env, 'RATE_BUDGET_MAX_WAIT_SECONDS', 10) * 1000,
    login: { burst: number(env, 'LOGIN_RATE_LIMIT_BURST', 5), perSecond: number(env, 'LOGIN_RATE_LIMIT_PER_SECOND', 1 / 12) },
    audit: {
      maxEntries: Math.min(AUDIT_MAX_ENTRIES_LIMIT, Math.ceil(number(env, 'AUDIT_MAX_ENTRIES', AUDIT_DEFAULTS.maxEntries))),
      maxAgeDays: AUDIT_DEFAULTS.maxAgeDays,
    },
    clientIpHeader: env.CLIENT_IP_HEADER === undefined ? 'cf-connecting-ip' : String(env.CLIENT_IP_HEADER).toLowerCase(),
  };
}
