// The packed tarball, installed offline into a temporary project, in each
// runtime it targets: a Node ESM script, a vite build in headless Chromium,
// and a bundled Cloudflare worker in workerd. Each lists the emulator's
// application segments and must find every one of them. The vite page
// reaches the emulator on its own origin; the same page calling it
// directly must fail, as it would against Zscaler.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import {
  bin, dumpDom, emulatorOptions, emulatorUrl, fixtures, installIntoTempProject, root, run, segmentCount,
} from './harness.mjs';
import { clientOptions, spawnEmulator } from '../support/emulator.mjs';
import { startTestWorker } from '../support/workerd.mjs';

let dir;
let expected;

before(async () => {
  dir = await installIntoTempProject();
  expected = await segmentCount();
  assert.ok(expected > 20, 'the demo tenant has more than one page of segments');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function assertAllSegments(result) {
  assert.equal(result.count, expected);
  assert.equal(new Set(result.ids).size, expected, 'every id once');
}

test('a Node ESM script lists application segments', async () => {
  cpSync(`${fixtures}node-app.mjs`, `${dir}/node-app.mjs`);
  const { stdout } = await run(process.execPath, ['node-app.mjs', JSON.stringify(emulatorOptions())], {
    cwd: dir,
    timeout: 60_000,
  });
  const result = JSON.parse(stdout);
  assertAllSegments(result);
  assert.ok(result.users > 0, 'listUsers() without arguments returns the seeded users');
});

test('a product entry (zscaler-wasm/zpa) loads its own wasm with that product only', async () => {
  cpSync(`${fixtures}product-app.mjs`, `${dir}/product-app.mjs`);
  const { stdout } = await run(process.execPath, ['product-app.mjs', JSON.stringify(emulatorOptions())], {
    cwd: dir,
    timeout: 60_000,
  });
  const result = JSON.parse(stdout);
  assertAllSegments(result);
  assert.equal(result.zpaClass, true);
  assert.equal(result.zia, 'undefined', 'the ZPA build has no ZIA');
});

test('the browser entry\'s init() takes a Response, a promise of a Module, or bytes', async () => {
  cpSync(`${fixtures}init-app.mjs`, `${dir}/init-app.mjs`);
  for (const kind of ['response', 'module', 'bytes']) {
    const { stdout } = await run(process.execPath, ['init-app.mjs', kind, JSON.stringify(emulatorOptions())], {
      cwd: dir,
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    assert.equal(out.listed, 5, kind);
    assert.equal(out.early?.name, 'ConfigError', 'a client made before init() fails clearly');
    assert.match(out.early.message, /await init\(\)/);
  }
});

/**
 * Serve a built folder with the wasm MIME type and a config.json made by
 * `config(origin)` for the page's own origin. With `upstream`, every other
 * path goes there: the page reaches the emulator on its own origin, as a
 * web app reaches the API through its backend (neither the emulator nor
 * Zscaler sends CORS headers).
 */
function serve(folder, config, upstream) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(req.url.split('?')[0]));
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(config(`http://${req.headers.host}`)));
      return;
    }
    try {
      if (path.includes('..')) throw new Error('outside');
      const file = join(folder, path === '/' ? 'index.html' : path);
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      if (upstream) {
        forward(req, res, upstream).catch((err) => { res.writeHead(502); res.end(String(err)); });
        return;
      }
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Forwards one request to `upstream` and its answer back, minus the
 *  headers that belong to each hop. */
async function forward(req, res, upstream) {
  const hop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'expect']);
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !hop.has(k)));
  const up = await fetch(`${upstream}${req.url}`, {
    method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
  const body = Buffer.from(await up.arrayBuffer());
  res.writeHead(up.status, Object.fromEntries([...up.headers].filter(([k]) => !hop.has(k))));
  res.end(body);
}

let viteBuild;
/** The vite app's dist folder, built once for the tests that serve it. */
function viteDist() {
  viteBuild ??= (async () => {
    cpSync(`${fixtures}vite-app`, `${dir}/vite-app`, { recursive: true });
    await run(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], {
      cwd: `${dir}/vite-app`,
      timeout: 120_000,
    });
    return `${dir}/vite-app/dist`;
  })();
  return viteBuild;
}

test('a vite build of a web app lists application segments in headless Chromium', async () => {
  const server = await serve(await viteDist(), (origin) => clientOptions(origin), emulatorUrl());
  try {
    const dom = await dumpDom(`http://127.0.0.1:${server.address().port}/`);
    assert.doesNotMatch(dom, /class="error"/, dom.match(/<output[^>]*>[^<]*/)?.[0]);
    assert.match(dom, new RegExp(`<output id="count">${expected}</output>`));
    assert.equal(dom.match(/<li>/g)?.length, expected);
    // The demo tenant's hostile names arrive intact and stay inert text.
    assert.match(dom, /<li>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/li>/);
  } finally {
    server.close();
  }
});

test('the same page calling a default emulator directly with a client secret fails, as against Zscaler', async () => {
  // An emulator of its own with default flags, so no CORS allowance given
  // to the shared one could make this pass.
  const emu = await spawnEmulator();
  const outcome = async (config, upstream) => {
    const server = await serve(await viteDist(), config, upstream);
    try {
      const dom = await dumpDom(`http://127.0.0.1:${server.address().port}/`);
      assert.equal(dom.match(/<li>/g), null, 'nothing listed');
      return dom.match(/<output[^>]*>[^<]*/)?.[0];
    } finally {
      server.close();
    }
  };
  try {
    // The browser hides the token endpoint's answer, which has no CORS
    // headers: the request failed on the network, with no HTTP status, so
    // the client reports a TransportError naming the token request.
    const direct = await outcome(() => clientOptions(emu.url, { maxAttempts: 1 }));
    assert.equal(direct, '<output id="count" class="error">TransportError: request failed: token request: Failed to fetch');
    // With the token fetched through the page's own origin, the API calls
    // themselves are hidden: a TransportError, not an API error to read.
    const apiOnly = await outcome(
      (origin) => clientOptions(emu.url, { maxAttempts: 1, tokenUrl: `${origin}/oauth2/v1/token` }),
      emu.url,
    );
    assert.match(apiOnly, /^<output id="count" class="error">TransportError: /, apiOnly);
  } finally {
    emu.proc.kill();
  }
});

/**
 * Bundles the test worker as wrangler does (the workerd condition, `.wasm`
 * imports kept as separate modules), importing `entry`, and starts it in
 * workerd with `wasm`, named by the specifier the bundle imports it by.
 */
async function bundledWorker(folder, entry, wasm) {
  mkdirSync(`${dir}/${folder}`);
  // The same worker tests/js/workerd.test.mjs runs on the raw build.
  const source = readFileSync(`${root}tests/workerd/worker.mjs`, 'utf8');
  const rewritten = source.replace("from 'zscaler-wasm';", `from '${entry}';`);
  assert.ok(entry === 'zscaler-wasm' || rewritten !== source, 'the fixture imports the root entry');
  writeFileSync(`${dir}/${folder}/worker.mjs`, rewritten);
  await run(
    bin('esbuild'),
    [`${folder}/worker.mjs`, '--bundle', '--format=esm', '--platform=neutral', '--conditions=workerd,worker',
      '--external:*.wasm', `--outfile=${folder}/out/worker.js`, '--log-level=warning'],
    { cwd: dir, timeout: 60_000 },
  );
  return startTestWorker(`${dir}/${folder}/config.capnp`, [
    ['worker.js', 'esModule', `${dir}/${folder}/out/worker.js`],
    ['zscaler_wasm_bg.wasm', 'wasm', wasm],
  ], emulatorUrl());
}

test('a worker bundled for workerd lists application segments', async () => {
  const { proc, base } = await bundledWorker('worker', 'zscaler-wasm', `${dir}/node_modules/zscaler-wasm/zscaler_wasm_bg.wasm`);
  try {
    const ok = await fetch(`${base}/`);
    const body = await ok.json();
    assert.equal(ok.status, 200, JSON.stringify(body));
    assertAllSegments(body);
    const failed = await (await fetch(`${base}/?secret=wrong`)).json();
    assert.deepEqual(failed, { name: 'AuthError', code: 'AUTH_FAILED', status: 401, isError: true });
  } finally {
    proc.kill();
  }
});

test('a worker on the product entry (zscaler-wasm/zpa) bundles and runs in workerd with its own wasm', async () => {
  const productWasm = `${dir}/node_modules/zscaler-wasm/zpa/zscaler_wasm_bg.wasm`;
  assert.ok(statSync(productWasm).size < statSync(`${dir}/node_modules/zscaler-wasm/zscaler_wasm_bg.wasm`).size);
  const { proc, base } = await bundledWorker('worker-zpa', 'zscaler-wasm/zpa', productWasm);
  try {
    const ok = await fetch(`${base}/`);
    const body = await ok.json();
    assert.equal(ok.status, 200, JSON.stringify(body));
    assertAllSegments(body);
  } finally {
    proc.kill();
  }
});
