// The backend worker (worker/) built for Cloudflare from the installed npm
// package alone: worker/, www/ and products.json copied into a project
// that has the packed tarball installed offline and no pkg/ (so no Rust
// build), the assets laid out by worker/build-assets.sh, and the worker
// bundled by `wrangler deploy --dry-run`, which uploads nothing; that
// bundle then serves a signed-in admin in workerd, against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { bin, emulatorUrl, installIntoTempProject, root, run, segmentCount } from './harness.mjs';
import { CLIENT_SECRET, CUSTOMER_ID } from '../support/emulator.mjs';
import { gateway, registry } from '../support/registry.mjs';
import { startBundledBackend } from '../support/workerd.mjs';
import { CSRF, login, workerEnv } from '../worker/harness.mjs';

let dir;
let out;

before(async () => {
  dir = await installIntoTempProject();
  for (const part of ['worker/src', 'worker/wrangler.toml', 'worker/build-assets.sh', 'www', 'products.json']) {
    cpSync(`${root}${part}`, `${dir}/${part}`, { recursive: true });
  }
  out = `${dir}/worker/out`;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const installed = (file) => readFileSync(`${dir}/node_modules/zscaler-wasm/${file}`);

test('the consumer project has no pkg/: the wasm can only come from the package', () => {
  assert.equal(existsSync(`${dir}/pkg`), false);
  assert.ok(installed('zscaler_wasm_bg.wasm').length > 0);
});

test('build-assets.sh takes the page\'s wasm files from the installed package', async () => {
  const { stdout } = await run('bash', ['worker/build-assets.sh'], { cwd: dir, timeout: 60_000 });
  assert.match(stdout, /from .*node_modules\/zscaler-wasm/);
  const assets = `${dir}/worker/dist/assets`;
  assert.ok(readFileSync(`${assets}/pkg/zscaler_wasm_bg.wasm`).equals(installed('zscaler_wasm_bg.wasm')));
  assert.ok(readFileSync(`${assets}/pkg/zscaler_wasm.js`).equals(installed('zscaler_wasm.js')));
  assert.ok(existsSync(`${assets}/index.html`), 'www/ at the root');
});

test('wrangler deploy --dry-run bundles the worker with the package\'s wasm', async () => {
  const { stdout } = await run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    cwd: `${dir}/worker`,
    timeout: 120_000,
    // Offline: no telemetry, no prompts, logs inside the temporary project.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', WRANGLER_LOG_PATH: `${dir}/wrangler-logs` },
  });
  assert.match(stdout, /--dry-run: exiting now/);
  const files = readdirSync(out);
  // wrangler uploads the .wasm as its own module, named by its content hash.
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, files.join(', '));
  assert.ok(readFileSync(`${out}/${wasm[0]}`).equals(installed('zscaler_wasm_bg.wasm')), 'the package\'s own wasm');
  const bundle = readFileSync(`${out}/index.js`, 'utf8');
  // The package's workerd entry imports it as a compiled module.
  assert.match(bundle, new RegExp(`^import \\w+ from "\\./${wasm[0]}";$`, 'm'));
  assert.doesNotMatch(bundle, /\.\.\/pkg\/|pkg\/zscaler_wasm/, 'no reference to the repository\'s pkg/');
  // The allowlist's rules come along from the registry, every product's.
  for (const p of registry.products) assert.ok(bundle.includes(JSON.stringify(p.allowlist.pattern)), p.name);
});

test('the bundle runs in workerd: a signed-in admin lists segments through the package\'s wasm', async () => {
  const assets = `${dir}/worker/dist/assets`;
  const { proc, base } = await startBundledBackend(out, assets, workerEnv({ url: emulatorUrl(), secret: CLIENT_SECRET }));
  try {
    const { status, cookie } = await login(base);
    assert.equal(status, 204);
    const res = await fetch(`${base}/api${gateway('zpa')}/mgmtconfig/v1/admin/customers/${CUSTOMER_ID}/application?page=1&pagesize=5`, {
      headers: { cookie, ...CSRF },
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.list.length, 5);
    assert.equal(Number(body.totalCount), await segmentCount());
    // The page's wasm, from the assets build-assets.sh took from the package.
    const wasm = await fetch(`${base}/pkg/zscaler_wasm_bg.wasm`);
    assert.equal(wasm.status, 200);
    assert.ok(Buffer.from(await wasm.arrayBuffer()).equals(installed('zscaler_wasm_bg.wasm')));
  } finally {
    proc.kill();
  }
});
