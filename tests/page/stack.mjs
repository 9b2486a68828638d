// The demo stack the page tests run against: the emulator, the backend
// worker in workerd (or, with PAGE_BACKEND=standin, tests/page/standin.mjs)
// and the page it serves. PAGE_URL + ZSCALER_EMULATOR_URL reuse a running
// stack (e.g. scripts/demo.sh) instead; the tests reset the emulator.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { CLIENT_ID, CLIENT_SECRET, CUSTOMER_ID, firstLine, rawToken, root, spawnEmulator } from '../support/emulator.mjs';
import { startBackend } from '../support/workerd.mjs';

export const CUSTOMER = CUSTOMER_ID;
export const PASSWORD = process.env.PAGE_PASSWORD ?? 'demo-admin';
export const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}`;

async function startWorker(emulator, children, extraEnv) {
  const { hashPassword } = await import('../../worker/src/password.mjs');
  const env = {
    ZSCALER_CLIENT_ID: CLIENT_ID,
    ZSCALER_CLIENT_SECRET: CLIENT_SECRET,
    ZSCALER_API_BASE_URL: emulator,
    ZSCALER_TOKEN_URL: `${emulator}/oauth2/v1/token`,
    ZPA_CUSTOMER_ID: CUSTOMER,
    ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD),
    CLIENT_IP_HEADER: '',
    ...extraEnv,
  };
  const { proc, base, config } = await startBackend(env, 'page');
  children.push(proc);
  // workerd has read its config; nothing else needs it.
  rmSync(config, { force: true });
  return base;
}

async function startStandin(emulator, children) {
  const proc = spawn(process.execPath, [`${root}tests/page/standin.mjs`, '0', emulator], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  return firstLine(proc, 'page on ', 10_000).then((u) => u.replace(/\/$/, ''));
}

/** Starts (or finds) the stack; resolves to { base, emulator, stop }.
 *  `env` adds worker bindings (e.g. READ_ONLY for the read-only role). */
export async function startStack({ env = {} } = {}) {
  if (process.env.PAGE_URL) {
    const emulator = process.env.ZSCALER_EMULATOR_URL;
    if (!emulator) throw new Error('PAGE_URL needs ZSCALER_EMULATOR_URL for the control API');
    return { base: process.env.PAGE_URL.replace(/\/$/, ''), emulator, stop: () => {} };
  }
  const children = [];
  const stop = () => children.forEach((c) => c.kill());
  try {
    const { proc: emu, url: emulator } = await spawnEmulator(['--seed', 'demo']);
    children.push(emu);
    const base = process.env.PAGE_BACKEND === 'standin'
      ? await startStandin(emulator, children)
      : await startWorker(emulator, children, env);
    return { base, emulator, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** POST to the emulator's control API. */
export async function control(emulator, path, body) {
  const res = await fetch(`${emulator}/_emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
}

/** GET from the emulator's API with its own token (to check the page's writes). */
export async function emulatorGet(emulator, path) {
  return emulatorCall(emulator, 'GET', path);
}

/** Any call to the emulator's API with its own token (ZWA's searches are
 * POSTs). A string body is sent as it is: JSON text a JS value cannot hold. */
export async function emulatorCall(emulator, method, path, body) {
  const token = await rawToken(emulator);
  const res = await fetch(`${emulator}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
