// The backend worker (worker/) built for Cloudflare from the installed npm
// package alone: worker/, www/ and products.json copied into a project
// that has the packed tarball installed offline and no pkg/ (so no Rust
// build), the assets laid out by worker/build-assets.sh, and the worker
// bundled by `wrangler deploy --dry-run`, which uploads nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { bin, installIntoTempProject, root, run } from './harness.mjs';
import { registry } from '../support/registry.mjs';

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
