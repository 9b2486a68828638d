// Shared pieces of the benchmark scripts: the product registry, loading the
// wasm package, client options for the emulator, a raw OneAPI token, and a
// median.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const CUSTOMER_ID = '216196257331281920';
/** products.json: which products exist and their gateway prefixes. */
export const registry = JSON.parse(readFileSync(`${root}products.json`, 'utf8'));
const gateway = (name) => registry.products.find((p) => p.name === name).gateway;

/** The wasm package, instantiated synchronously: pkg/, or BENCH_PKG (a
 * directory) to profile a build that keeps its function names. */
export async function loadClient() {
  const pkg = process.env.BENCH_PKG ?? `${root}pkg/`;
  const wasm = await import(`${pkg}zscaler_wasm.js`);
  wasm.initSync({ module: readFileSync(`${pkg}zscaler_wasm_bg.wasm`) });
  return wasm.ZscalerClient;
}

/** Client options for the emulator; pacing off because the emulator runs
 * without rate limits and throughput is what we measure. */
export function clientOptions(base) {
  return {
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    baseUrl: base,
    tokenUrl: `${base}/oauth2/v1/token`,
    customerId: CUSTOMER_ID,
    pacing: false,
  };
}

export async function rawToken(base) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'emulator-client',
    client_secret: 'emulator-secret',
    audience: 'https://api.zscaler.com',
  });
  const res = await fetch(`${base}/oauth2/v1/token`, { method: 'POST', body });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  return (await res.json()).access_token;
}

export function segmentsUrl(base) {
  return `${base}${gateway('zpa')}/mgmtconfig/v1/admin/customers/${CUSTOMER_ID}/application`;
}

/** A function fetching one page of segments with a raw OneAPI token: the
 * hand-written peer loop of P1 and P4. */
export async function rawPageFetcher(base, pagesize) {
  const headers = { authorization: `Bearer ${await rawToken(base)}` };
  return (page) => fetch(`${segmentsUrl(base)}?page=${page}&pagesize=${pagesize}`, { headers });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Flags as `--name value` pairs into an object of strings. */
export function flags(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}
