// The demo page in headless Chromium (Debian's package), against the
// emulator: it must list segments and render hostile names as inert text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { serveWww } from '../../scripts/serve-www.mjs';
import { emulatorOptions } from './harness.mjs';

const run = promisify(execFile);
let server;
let base;

before(async () => {
  const started = await serveWww(0, emulatorOptions());
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
});
after(() => server?.close());

/** Load a page, let its scripts run, and return the serialised DOM. */
async function dumpDom(url) {
  const profile = mkdtempSync(`${tmpdir()}/chromium-`);
  try {
    const { stdout } = await run(
      process.env.CHROMIUM ?? '/usr/bin/chromium',
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
        `--user-data-dir=${profile}`, '--virtual-time-budget=10000', '--dump-dom', url,
      ],
      { timeout: 60_000, maxBuffer: 16 << 20 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

test('the page lists the first page of application segments', async () => {
  const dom = await dumpDom(`${base}/`);
  const rows = dom.match(/<tr>/g)?.length ?? 0;
  assert.equal(rows - 1, 20, 'a header row plus 20 segment rows');
  assert.match(dom, /Page 1 of \d+/);
  assert.doesNotMatch(dom, /class="error"/);
});

test('hostile names render as text, never as markup', async () => {
  const dom = await dumpDom(`${base}/?q=script`);
  assert.match(dom, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
  assert.doesNotMatch(dom, /<script>alert/);
});
