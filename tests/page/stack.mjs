// The demo stack the page tests run against: the emulator, the backend
// worker in workerd (or, with PAGE_BACKEND=standin, tests/page/standin.mjs)
// and the page it serves. PAGE_URL + ZSCALER_EMULATOR_URL reuse a running
// stack (e.g. scripts/demo.sh) instead; the tests reset the emulator.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CUSTOMER = '216196257331281920';
export const PASSWORD = process.env.PAGE_PASSWORD ?? 'demo-admin';
export const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}`;

function firstLine(proc, prefix, ms) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${ms} ms`)), ms);
    proc.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith(prefix));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(prefix.length).trim());
      }
    });
  });
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

async function waitUp(url, proc, ms) {
  const end = Date.now() + ms;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`backend exited with ${proc.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch (err) {
      if (Date.now() > end) throw new Error(`backend did not start: ${err}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}

async function startWorker(emulator, children) {
  const { makeConfig } = await import('../../worker/make-config.mjs');
  const { hashPassword } = await import('../../worker/src/password.mjs');
  const port = await freePort();
  const env = {
    ZSCALER_CLIENT_ID: 'emulator-client',
    ZSCALER_CLIENT_SECRET: 'emulator-secret',
    ZSCALER_API_BASE_URL: emulator,
    ZSCALER_TOKEN_URL: `${emulator}/oauth2/v1/token`,
    ZPA_CUSTOMER_ID: CUSTOMER,
    ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD),
    CLIENT_IP_HEADER: '',
  };
  const config = makeConfig(port, env, `page-${port}`);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZSCALER_|ZPA_)/.test(k)));
  const proc = spawn(`${root}node_modules/.bin/workerd`, ['serve', config], {
    env: { ...clean, ...env }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(proc);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUp(base, proc, 30_000);
  } finally {
    rmSync(config, { force: true });
  }
  return base;
}

async function startStandin(emulator, children) {
  const proc = spawn(process.execPath, [`${root}tests/page/standin.mjs`, '0', emulator], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  return firstLine(proc, 'page on ', 10_000).then((u) => u.replace(/\/$/, ''));
}

/** Starts (or finds) the stack; resolves to { base, emulator, stop }. */
export async function startStack() {
  if (process.env.PAGE_URL) {
    const emulator = process.env.ZSCALER_EMULATOR_URL;
    if (!emulator) throw new Error('PAGE_URL needs ZSCALER_EMULATOR_URL for the control API');
    return { base: process.env.PAGE_URL.replace(/\/$/, ''), emulator, stop: () => {} };
  }
  const children = [];
  const stop = () => children.forEach((c) => c.kill());
  try {
    const bin = process.env.ZSCALER_EMULATOR_BIN ?? `${process.env.CARGO_TARGET_DIR ?? `${root}../target`}/release/zscaler-emulator`;
    const emu = spawn(bin, ['--listen', '127.0.0.1:0', '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(emu);
    const emulator = await firstLine(emu, 'listening on ', 10_000);
    const base = process.env.PAGE_BACKEND === 'standin'
      ? await startStandin(emulator, children)
      : await startWorker(emulator, children);
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
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'emulator-client',
    client_secret: 'emulator-secret', audience: 'https://api.zscaler.com' });
  const { access_token: token } = await (await fetch(`${emulator}/oauth2/v1/token`, { method: 'POST', body: form })).json();
  const res = await fetch(`${emulator}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
