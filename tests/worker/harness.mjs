// Starts the emulator (own process with a canary client secret when
// ZSCALER_EMULATOR_BIN is set, else the one at ZSCALER_EMULATOR_URL) and
// BFF workers in real workerd, and records every response the tests see
// so each file can assert no secret or token ever left the worker.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { makeConfig } from '../../worker/make-config.mjs';
import { CLIENT_ID, CLIENT_SECRET, CUSTOMER_ID, freePort, spawnEmulator, waitUntilUp } from '../support/emulator.mjs';
import { startBackend, WORKERD } from '../support/workerd.mjs';

export const CUSTOMER = CUSTOMER_ID;
export const PASSWORD = 'test-admin-password';
// Hash of PASSWORD made once with worker/hash-password.mjs: tests check
// the stored-hash path, not our own hashing of the same input.
export const PASSWORD_HASH = 'pbkdf2-sha256$100000$HwTokirQkb3z7MZHCLAvjw$sTKoaqVz1AAtOcozTJ6fs8n1SRUpB8N7eEwO5qaQtNI';
export const CSRF = { 'x-requested-with': 'zscaler-wasm' };
export const TOKEN_RE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

const children = [];
const seen = []; // { url, text } of every response
after(() => {
  for (const c of children) c.proc.kill();
  for (const c of children) {
    if (!c.config) continue;
    rmSync(c.config, { force: true });
    // make-config.mjs keeps the Durable Objects' storage beside the config.
    rmSync(c.config.replace(/\.capnp$/, '.state'), { recursive: true, force: true });
  }
});

/** `{ url, secret }`; the secret is a fresh canary when we own the process.
 *  `args`: more emulator options (only with ZSCALER_EMULATOR_BIN). */
export async function startEmulator(args = []) {
  const bin = process.env.ZSCALER_EMULATOR_BIN;
  if (!bin) {
    if (!process.env.ZSCALER_EMULATOR_URL) throw new Error('set ZSCALER_EMULATOR_BIN or ZSCALER_EMULATOR_URL');
    return { url: process.env.ZSCALER_EMULATOR_URL, secret: CLIENT_SECRET, own: false };
  }
  const secret = `canary-${randomBytes(12).toString('hex')}`;
  const { proc, url } = await spawnEmulator(['--seed', 'demo', '--client-secret', secret, ...args], { bin });
  children.push({ proc });
  return { url, secret, own: true };
}

/** Environment for a worker against the emulator, password mode. */
export function workerEnv(emu, overrides = {}) {
  return {
    ZSCALER_CLIENT_ID: CLIENT_ID,
    ZSCALER_CLIENT_SECRET: emu.secret,
    ZSCALER_API_BASE_URL: emu.url,
    ZSCALER_TOKEN_URL: `${emu.url}/oauth2/v1/token`,
    ZPA_CUSTOMER_ID: CUSTOMER,
    ADMIN_PASSWORD_HASH: PASSWORD_HASH,
    CLIENT_IP_HEADER: '',
    ...overrides,
  };
}

/** Starts one worker in workerd; returns its base URL. */
export async function startWorker(env) {
  const { proc, base, config } = await startBackend(env, 'test');
  children.push({ proc, config });
  return base;
}

/** Starts one workerd holding the worker plus `replicas` copies of it,
 *  each in its own isolate and, unless `tenant` is false, all bound to the
 *  same TenantState objects: Cloudflare's many isolates in one process.
 *  Resolves to `{ bases, log, stateDir, restart }`: each copy's base URL
 *  (the main worker first), a function returning what workerd has printed
 *  so far, the directory holding the objects' storage, and a function that
 *  stops workerd and starts it again on the same storage. */
export async function startIsolates(env, { replicas = 2, tenant = true } = {}) {
  const port = await freePort();
  const replicaPorts = [];
  for (let i = 0; i < replicas; i++) replicaPorts.push(await freePort());
  const config = makeConfig(port, env, `isolates-${port}`, { tenant, replicaPorts });
  // Only `env` decides the bindings, not the calling shell's settings.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZSCALER_|ZPA_)/.test(k)));
  const bases = [port, ...replicaPorts].map((p) => `http://127.0.0.1:${p}`);
  let out = '';
  let proc;
  const start = async () => {
    proc = spawn(WORKERD, ['serve', config], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push({ proc, config });
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    for (const base of bases) await waitUntilUp(base, 30_000, proc);
  };
  await start();
  // A deploy or crash: every isolate and the object go, the storage stays.
  const restart = async () => {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill();
    await exited;
    await start();
  };
  return { bases, log: () => out, stateDir: config.replace(/\.capnp$/, '.state'), restart };
}

/** fetch that remembers what came back, for the leak check. */
export async function call(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  seen.push({ url, text: `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}` });
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Logs in; returns the Cookie header value for later calls. */
export async function login(base, password = PASSWORD, cookie) {
  const headers = { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
  const res = await call(`${base}/auth/login`, { method: 'POST', headers, body: JSON.stringify({ password }) });
  if (res.status !== 204) return { status: res.status, res };
  const set = res.headers.get('set-cookie');
  return { status: 204, res, setCookie: set, cookie: set.split(';')[0] };
}

/** Every recorded response, for leak assertions (`allowTokens` for /token). */
export function recorded() {
  return seen;
}
