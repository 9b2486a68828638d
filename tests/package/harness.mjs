// Set-up shared by the package tests: one temporary project with the packed
// tarball installed offline, the emulator the tests talk to, and small
// process helpers (free port, wait for a server, headless Chromium).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launch } from '../page/browser.mjs';

export const run = promisify(execFile);
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const bin = (name) => `${root}node_modules/.bin/${name}`;

/** The tarball scripts/build-package.sh packed (ZSCALER_PACKAGE_TGZ overrides). */
export function tarball() {
  if (process.env.ZSCALER_PACKAGE_TGZ) return process.env.ZSCALER_PACKAGE_TGZ;
  const found = readdirSync(`${root}dist`).filter((f) => /^zscaler-wasm-.*\.tgz$/.test(f));
  if (found.length !== 1) throw new Error(`expected one dist/zscaler-wasm-*.tgz, found ${found.length}`);
  return `${root}dist/${found[0]}`;
}

/**
 * A fresh project in a temporary folder with the tarball installed the way a
 * user installs it, but offline: the package must need nothing from the
 * registry. Returns its path; remove it with `rmSync(dir, {recursive: true})`.
 */
export async function installIntoTempProject() {
  const dir = mkdtempSync(`${tmpdir()}/zscaler-wasm-consumer-`);
  writeFileSync(`${dir}/package.json`, JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball()], {
    cwd: dir,
    timeout: 120_000,
  });
  return dir;
}

export function emulatorUrl() {
  const url = process.env.ZSCALER_EMULATOR_URL;
  if (!url) throw new Error('set ZSCALER_EMULATOR_URL to a running emulator');
  return url;
}

/** Client options for the emulator's default tenant. */
export function emulatorOptions() {
  const base = emulatorUrl();
  return {
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    baseUrl: base,
    tokenUrl: `${base}/oauth2/v1/token`,
    customerId: '216196257331281920',
  };
}

/** The emulator's own count of ZPA application segments, read over plain HTTP. */
export async function segmentCount() {
  const base = emulatorUrl();
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'emulator-client', client_secret: 'emulator-secret' });
  const token = await (await fetch(`${base}/oauth2/v1/token`, { method: 'POST', body: form })).json();
  const res = await fetch(`${base}/zpa/mgmtconfig/v1/admin/customers/216196257331281920/application?page=1&pagesize=1`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  if (!res.ok) throw new Error(`emulator answered ${res.status}`);
  return Number((await res.json()).totalCount);
}

export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Wait until something answers HTTP at `url`. */
export async function waitUntilUp(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { method: 'HEAD' });
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not come up: ${e}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Start a long-running process; the caller kills it. */
export function start(cmd, args, opts = {}) {
  return spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

/** Load a page in headless Chromium, wait until its `#count` output no
 * longer reads "loading" (or an `.error` shows), and return the DOM.
 * Waiting on the page itself, not on `--virtual-time-budget`: virtual time
 * ran out while the wasm was still compiling on a loaded machine. */
export async function dumpDom(url) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => document.querySelector('.error') || document.querySelector('#count')?.textContent !== 'loading',
      null,
      { timeout: 60_000 },
    );
    return await page.content();
  } finally {
    await browser.close();
  }
}
