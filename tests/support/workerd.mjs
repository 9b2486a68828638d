// workerd for the harnesses: start one `workerd serve` and wait for it, and
// fill a test worker's config (tests/workerd/config.capnp.in) for
// the raw pkg/ build (tests/js) or a bundle of the packed package
// (tests/package).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fillConfig, makeConfig } from '../../worker/make-config.mjs';
import { freePort, root, waitUntilUp } from './emulator.mjs';

export const WORKERD = `${root}node_modules/.bin/workerd`;
const FIXTURE = `${root}tests/workerd/`;

/** Spawns `workerd serve config` and waits until `url` answers; resolves
 *  to the process (the caller kills it). */
export async function startWorkerd(config, url, { env = process.env, ms = 20_000 } = {}) {
  const proc = spawn(WORKERD, ['serve', config], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await waitUntilUp(url, ms, proc);
  } catch (err) {
    proc.kill();
    throw err;
  }
  return proc;
}

/** Module lines for the worker's config: `[name, kind, file]` with `file`
 *  absolute; embed paths are relative to the config file. */
function moduleLines(modules, configFile) {
  return modules.map(([name, kind, file]) => `    (name = "${name}", ${kind} = embed "${relative(dirname(configFile), file)}"),`);
}

/** The modules of the raw wasm-bindgen build in `pkg`, as a test worker
 *  imports it (`zscaler-wasm` is tests/workerd/pkg-entry.mjs), after
 *  `entry`, that worker's file in tests/workerd/. */
export function pkgModules(pkg = `${root}pkg/`, entry = 'worker.mjs') {
  // wasm-bindgen's JS snippets (the error classes) sit in a hashed folder.
  const snippets = readdirSync(`${pkg}snippets`, { recursive: true }).filter((f) => f.endsWith('.js'));
  return [
    [entry, 'esModule', `${FIXTURE}${entry}`],
    ['zscaler-wasm', 'esModule', `${FIXTURE}pkg-entry.mjs`],
    ['zscaler_wasm.js', 'esModule', `${pkg}zscaler_wasm.js`],
    ['zscaler_wasm_bg.wasm', 'wasm', `${pkg}zscaler_wasm_bg.wasm`],
    ...snippets.map((f) => [`snippets/${f}`, 'esModule', `${pkg}snippets/${f}`]),
  ];
}

/** Writes the test worker's config to `configFile` and starts it on a
 *  free port; resolves to `{ proc, base }`. */
export async function startTestWorker(configFile, modules, emulatorUrl) {
  const port = await freePort();
  const text = readFileSync(`${FIXTURE}config.capnp.in`, 'utf8')
    .replaceAll('@PORT@', String(port))
    .replaceAll('@EMULATOR_URL@', emulatorUrl)
    .replace('@MODULES@', moduleLines(modules, configFile).join('\n'));
  writeFileSync(configFile, text);
  const base = `http://127.0.0.1:${port}`;
  return { proc: await startWorkerd(configFile, base), base };
}

/** workerd's environment for a backend worker: the emulator settings of
 *  the calling shell are dropped so only `env` decides its bindings. */
function onlyBindings(env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZSCALER_|ZPA_)/.test(k)));
  return { ...clean, ...env };
}

/** Starts the backend worker (worker/) on a free port with `env` as its
 *  bindings; resolves to `{ proc, base, config }` (the caller kills the
 *  process and removes the config). */
export async function startBackend(env, name) {
  const port = await freePort();
  const config = makeConfig(port, env, `${name}-${port}`);
  const base = `http://127.0.0.1:${port}`;
  try {
    return { proc: await startWorkerd(config, base, { env: onlyBindings(env), ms: 30_000 }), base, config };
  } catch (err) {
    rmSync(config, { force: true });
    throw err;
  }
}

/** Starts a wrangler bundle of the backend worker in workerd, as
 *  Cloudflare would run it: `outDir` holds `index.js` and the modules it
 *  imports (named as wrangler uploads them), `assets` the files
 *  worker/build-assets.sh laid out, and `env` the bindings. Resolves to
 *  `{ proc, base }` (the caller kills the process). */
export async function startBundledBackend(outDir, assets, env) {
  const port = await freePort();
  const configFile = `${outDir}/workerd.capnp`;
  const kinds = { js: 'esModule', wasm: 'wasm' };
  const modules = readdirSync(outDir)
    .filter((f) => kinds[f.slice(f.lastIndexOf('.') + 1)])
    .sort((a, b) => (b === 'index.js') - (a === 'index.js'))
    .map((f) => [f, kinds[f.slice(f.lastIndexOf('.') + 1)], `${outDir}/${f}`]);
  writeFileSync(configFile, fillConfig({ port, www: assets, pkg: `${assets}/pkg`, moduleLines: moduleLines(modules, configFile), env }));
  const base = `http://127.0.0.1:${port}`;
  return { proc: await startWorkerd(configFile, base, { env: onlyBindings(env), ms: 30_000 }), base };
}
