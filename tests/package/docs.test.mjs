// Docs that run: every JS block of README.md and docs/*.md runs with node
// in a temporary project where the packed tarball is installed, against the
// emulator; every TS block is type-checked with `tsc --strict` against the
// package's declarations. Markers and rules: ./docs-blocks.mjs. The README's
// Rust block is a doctest (src/lib.rs), run by `cargo test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { bin, emulatorUrl, installIntoTempProject, run, segmentCount } from './harness.mjs';
import { CLIENT_ID, CLIENT_SECRET, CUSTOMER_ID, rawToken } from '../support/emulator.mjs';
import { allBlocks, DONE, jsModules, tsModule } from './docs-blocks.mjs';

const blocks = allBlocks();
let dir;
let backend;

before(async () => {
  dir = await installIntoTempProject();
  backend = await startBackend(emulatorUrl());
});
after(() => {
  backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The environment the examples read, pointing at the emulator's tenant. */
function exampleEnv() {
  const base = emulatorUrl();
  return {
    ZSCALER_CLIENT_ID: CLIENT_ID,
    ZSCALER_CLIENT_SECRET: CLIENT_SECRET,
    ZSCALER_VANITY_DOMAIN: 'acme',
    ZPA_CUSTOMER_ID: CUSTOMER_ID,
    ZSCALER_API_BASE_URL: base,
    ZSCALER_TOKEN_URL: `${base}/oauth2/v1/token`,
  };
}

/**
 * A stand-in for the backend worker, for the web-app example: `/api/…` is
 * forwarded to the emulator with a token the backend mints, and only when
 * the page sent the CSRF header and no credential of its own, which is
 * what `backendSession: true` promises. Anything else is refused.
 */
function startBackend(upstream) {
  const server = createServer(async (req, res) => {
    try {
      if (!req.url.startsWith('/api/')) throw Object.assign(new Error('not under /api'), { status: 404 });
      if (req.headers['x-requested-with'] !== 'zscaler-wasm') throw Object.assign(new Error('no CSRF header'), { status: 403 });
      if (req.headers.authorization) throw Object.assign(new Error('the page sent a credential'), { status: 400 });
      const up = await fetch(`${upstream}${req.url.slice(4)}`, {
        method: req.method,
        headers: { authorization: `Bearer ${await rawToken(upstream)}`, accept: 'application/json' },
      });
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await up.arrayBuffer()));
    } catch (err) {
      res.writeHead(err.status ?? 502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err.message }));
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Run one JS block's module with node; the block's output, or a failure
 *  showing what it printed. */
async function runBlock(block) {
  const { main, files } = jsModules(block);
  for (const [name, text] of Object.entries(files)) writeFileSync(`${dir}/${name}`, text);
  const env = { ...process.env, ...exampleEnv(), DOCS_TEST_ORIGIN: `http://127.0.0.1:${backend.address().port}` };
  try {
    const { stdout } = await run(process.execPath, [main], { cwd: dir, env, timeout: 60_000 });
    return stdout;
  } catch (err) {
    assert.fail(`${block.file}:${block.line} failed (exit ${err.code}):\n${err.stdout}${err.stderr}`);
  }
}

test('every block is run, type-checked, a doctest, or skipped with a reason', (t) => {
  // allBlocks() throws on a block without a rule; here the counts must add
  // up and the parser must have found the blocks it is meant to test.
  const count = (action) => blocks.filter((b) => b.action === action).length;
  const total = ['run', 'typecheck', 'doctest', 'skip', 'none'].reduce((n, a) => n + count(a), 0);
  assert.equal(total, blocks.length);
  assert.ok(blocks.some((b) => b.file === 'README.md' && b.action === 'run'), 'README.md has a JS block');
  assert.ok(blocks.some((b) => b.file === 'docs/package.md' && b.action === 'run'), 'docs/package.md has JS blocks');
  assert.ok(count('typecheck') > 0, 'a TS block');
  for (const b of blocks.filter((x) => x.action === 'skip')) assert.ok(b.reason.length > 10, `${b.file}:${b.line}`);
  t.diagnostic(`docs blocks: ${count('run')} run, ${count('typecheck')} type-checked, ${count('doctest')} doctest, ${count('skip')} skipped, ${count('none')} shell`);
});

for (const block of blocks.filter((b) => b.action === 'run')) {
  test(`${block.file}:${block.line} runs (${block.kind})`, async () => {
    const out = await runBlock(block);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.at(-1), DONE, 'ran to its end');
    // A block that calls console.log (as every worker or browser driver does)
    // printed to stdout before the end.
    if (/console\.log\(/.test(block.code) || ['worker', 'browser'].includes(block.kind)) {
      assert.ok(lines.length > 1 && lines[0].trim() !== '', `printed a result:\n${out}`);
    }
    if (block.kind === 'browser') {
      // The page listed every segment, through the backend alone.
      const { items, texts } = JSON.parse(lines.at(-2));
      assert.equal(items, await segmentCount());
      assert.ok(texts, 'items are text nodes');
    }
  });
}

test('browser blocks bundle for the browser with esbuild', async (t) => {
  const browser = blocks.filter((b) => b.kind === 'browser');
  if (browser.length === 0) return t.skip('no browser blocks');
  for (const block of browser) {
    const file = `${dir}/${block.name}.browser.mjs`;
    writeFileSync(file, block.code);
    try {
      await run(bin('esbuild'), [file, '--bundle', '--platform=browser', '--format=esm', `--outfile=${dir}/${block.name}.bundle.js`],
        { cwd: dir, timeout: 60_000 });
    } catch (err) {
      assert.fail(`${block.file}:${block.line} does not bundle:\n${err.stderr}`);
    }
  }
});

test('TS blocks type-check with tsc --strict against the package', async () => {
  const ts = blocks.filter((b) => b.action === 'typecheck');
  const folder = `${dir}/docs-ts`;
  mkdirSync(folder, { recursive: true });
  for (const block of ts) writeFileSync(`${folder}/${block.name}.ts`, tsModule(block));
  writeFileSync(`${folder}/tsconfig.json`, JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom', 'dom.iterable'], types: [],
    },
    files: ts.map((b) => `${b.name}.ts`),
  }));
  try {
    await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: folder, timeout: 180_000, maxBuffer: 16 << 20 });
  } catch (err) {
    assert.fail(`tsc --strict on the docs' TS blocks:\n${err.stdout}${err.stderr}`);
  }
});
