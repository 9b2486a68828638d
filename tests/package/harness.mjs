// Set-up shared by the package tests: one temporary project with the packed
// tarball installed offline, the emulator the tests talk to, and headless
// Chromium. Ports, servers and the emulator's tenant: tests/support/.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launch } from '../page/browser.mjs';
import { clientOptions, CUSTOMER_ID, emulatorUrl, rawToken, root } from '../support/emulator.mjs';
import { gateway } from '../support/registry.mjs';

export { emulatorUrl, root };
export const run = promisify(execFile);
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

/** Client options for the emulator's default tenant. */
export function emulatorOptions() {
  return clientOptions(emulatorUrl());
}

/** The emulator's own count of ZPA application segments, read over plain HTTP. */
export async function segmentCount() {
  const base = emulatorUrl();
  const token = await rawToken(base);
  const res = await fetch(`${base}${gateway('zpa')}/mgmtconfig/v1/admin/customers/${CUSTOMER_ID}/application?page=1&pagesize=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`emulator answered ${res.status}`);
  return Number((await res.json()).totalCount);
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
