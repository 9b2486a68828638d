// P3: cold start in workerd. Each run starts a fresh workerd with one
// worker and times spawn -> socket accepting -> first response, for our
// wasm client and for a worker doing the same calls with bare fetch.
// Every run also times a second request to the same isolate, so the cold
// cost (first call) can be told from the steady one. With --phases 1 two
// more client variants split the cold start: `load` answers without making
// a client (glue evaluation, wasm instantiation, first dispatch) and
// `construct` makes the client but calls nothing.
// `client-zpa` is the same worker on the ZPA-only build (the `zscaler-wasm/zpa`
// entry, pkg-products/zpa/ from scripts/build-package.sh), which is what a
// worker that calls only ZPA ships; it runs when that build exists, and with
// --phases so do its `load` and `construct` phases and two load-only workers
// on copies of its wasm with the function bodies or the data emptied.
// `minimal` makes the same two requests through the smallest wasm-bindgen
// client (bench/minimal/, built to bench/out/pkg-minimal/ by scripts/bench.sh):
// what any Rust client in wasm pays before doing anything of its own.
// With --phases, two floor workers run too: `empty` answers at once, and
// `bytes` is the same with the ZPA wasm's bytes beside it as an unused data
// module.
// --ab NAME[:PHASE]=DIR,... adds one client worker (phase `full` unless
// named) per package directory, taking turns with the others, for A/B
// comparisons of builds; with --ab-only 1 only the raw worker runs beside
// them.
// node bench/p3_workerd.mjs --url EMULATOR_URL --runs R [--phases 1] [--ab a=DIR,b=DIR [--ab-only 1]]
// Prints {"client": {"listen": [...], "total": [...], "cpu": [...], "second": [...]}, "raw": {...}}.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serializeConfig } from 'miniflare';
import { flags, root, segmentsUrl } from './lib.mjs';
import { strip } from './wasm_strip.mjs';
import { freePort } from '../tests/support/emulator.mjs';

const here = `${root}bench/workerd/`;
const pkg = process.env.BENCH_PKG ?? `${root}pkg/`;
export const zpaPkg = process.env.BENCH_PKG_ZPA ?? `${root}pkg-products/zpa/`;
export const minimalPkg = process.env.BENCH_PKG_MINIMAL ?? `${root}bench/out/pkg-minimal/`;

/** Files and capnp module list of the worker script `worker` (bench/workerd/)
 * on package `pkg`, its wasm rewritten by `wasm` if given, with `extra`
 * modules of bench/workerd/ beside it. */
function clientFiles(pkg, { worker = 'client.mjs', wasm, extra = [] } = {}) {
  // wasm-bindgen's JS snippets (the error classes) sit in a hashed folder.
  const snippets = existsSync(`${pkg}snippets`)
    ? readdirSync(`${pkg}snippets`, { recursive: true })
      .filter((s) => s.endsWith('.js')).map((s) => `snippets/${s}`)
    : [];
  const scripts = ['zscaler_wasm.js', ...snippets];
  return {
    files: [[`${here}${worker}`, 'worker.mjs'], ...extra.map((m) => [`${here}${m}`, m]),
      ...scripts.map((s) => [`${pkg}${s}`, s]), [`${pkg}zscaler_wasm_bg.wasm`, 'zscaler_wasm_bg.wasm', wasm]],
    modules: [...['worker.mjs', ...extra, ...scripts].map((s) => [s, 'esModule']), ['zscaler_wasm_bg.wasm', 'wasm']],
  };
}

const rawFiles = () => ({
  files: [[`${here}raw.mjs`, 'worker.mjs'], [`${here}token.mjs`, 'token.mjs']],
  modules: [['worker.mjs', 'esModule'], ['token.mjs', 'esModule']],
});

/** The minimal wasm-bindgen client's worker (bench/minimal/). */
const minimalFiles = () => clientFiles(minimalPkg, { worker: 'minimal.mjs', extra: ['token.mjs'] });

/** The floor worker, with the ZPA wasm's bytes beside it as a data module
 * it never reads when `bytes` is set (workerd still loads every module). */
const emptyFiles = (bytes) => () => {
  const files = [[`${here}empty.mjs`, 'worker.mjs']];
  const modules = [['worker.mjs', 'esModule']];
  if (bytes) {
    files.push([`${zpaPkg}zscaler_wasm_bg.wasm`, 'bytes.bin']);
    modules.push(['bytes.bin', 'data']);
  }
  return { files, modules };
};

/** Each worker: the phase its PHASE binding names, and its files. */
const variants = {
  empty: { phase: 'empty', layout: emptyFiles(false) },
  bytes: { phase: 'empty', layout: emptyFiles(true) },
  client: { phase: 'full', layout: () => clientFiles(pkg) },
  'client-zpa': { phase: 'full', layout: () => clientFiles(zpaPkg) },
  // The same build again, in the same starts (an A/A test): how far the
  // goal's figure moves by chance within one run.
  'client-zpa-again': { phase: 'full', layout: () => clientFiles(zpaPkg) },
  raw: { phase: 'full', layout: rawFiles },
  load: { phase: 'load', layout: () => clientFiles(pkg) },
  construct: { phase: 'construct', layout: () => clientFiles(pkg) },
  'load-zpa': { phase: 'load', layout: () => clientFiles(zpaPkg) },
  'construct-zpa': { phase: 'construct', layout: () => clientFiles(zpaPkg) },
  // The ZPA entry loaded with its function bodies or its data emptied
  // (bench/wasm_strip.mjs): what its code and its data each cost a start.
  'load-zpa-no-code': { phase: 'load', layout: () => clientFiles(zpaPkg, { wasm: (b) => strip(b, 'code') }) },
  'load-zpa-no-data': { phase: 'load', layout: () => clientFiles(zpaPkg, { wasm: (b) => strip(b, 'data') }) },
  minimal: { phase: 'full', layout: minimalFiles },
  'load-minimal': { phase: 'load', layout: minimalFiles },
};

/** CPU time (ms) workerd's live threads have run so far, from Linux's
 * schedstat (ns resolution; utime/stime tick at 10 ms). On a shared,
 * loaded machine wall times mostly measure the scheduler, this does not.
 * null where /proc is missing. */
function cpuMs(pid) {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** Whether something accepts connections on the port. */
function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** How the harness hands workerd its config: `binary` (default), as
 * wrangler and miniflare start workerd, or `text`, a capnp text file
 * embedding every module (`--config text`). workerd's text parser reads
 * embedded files at about 7–11 µs per KB, a cost no deployed worker pays
 * (BENCHMARKS.md, P3). */
export const configFormat = flags().config ?? 'binary';

/** The workers' compatibility date, as the text template gives it. */
const COMPATIBILITY_DATE = /compatibilityDate = "([^"]+)"/.exec(readFileSync(`${here}config.capnp.in`, 'utf8'))[1];

/** Lays out variant `name` in `dir` for a workerd listening on `port`,
 * with `v8Flags` for V8 if given; returns the config's path (`.bin` for a
 * binary config: start it with {@link serveArgs}). */
export function layout(name, dir, port, emulatorUrl, v8Flags = [], format = configFormat) {
  const { phase } = variants[name];
  const v = variants[name].layout();
  for (const [from, to, rewrite] of v.files) {
    mkdirSync(dirname(`${dir}/${to}`), { recursive: true });
    if (rewrite) writeFileSync(`${dir}/${to}`, rewrite(readFileSync(from)));
    else copyFileSync(from, `${dir}/${to}`);
  }
  const bindings = { EMULATOR_URL: emulatorUrl, SEGMENTS_URL: segmentsUrl(emulatorUrl), PHASE: phase };
  if (format === 'text') {
    const modules = v.modules.map(([m, kind]) => `(name = "${m}", ${kind} = embed "${m}")`).join(', ');
    const config = readFileSync(`${here}config.capnp.in`, 'utf8')
      .replace('@MODULES@', modules).replace('@PORT@', String(port))
      .replace('@EMULATOR_URL@', bindings.EMULATOR_URL).replace('@SEGMENTS_URL@', bindings.SEGMENTS_URL)
      .replace('@PHASE@', bindings.PHASE)
      .replace('@V8FLAGS@', v8Flags.map((f) => JSON.stringify(f)).join(', '));
    writeFileSync(`${dir}/config.capnp`, config);
    return `${dir}/config.capnp`;
  }
  // The same services, worker and socket as config.capnp.in, as data.
  const read = (m, kind) => (kind === 'esModule' ? readFileSync(`${dir}/${m}`, 'utf8') : readFileSync(`${dir}/${m}`));
  const worker = {
    modules: v.modules.map(([m, kind]) => ({ name: m, [kind]: read(m, kind) })),
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: Object.entries(bindings).map(([n, text]) => ({ name: n, text })),
    globalOutbound: { name: 'loopback' },
  };
  const config = {
    v8Flags,
    services: [{ name: 'main', worker }, { name: 'loopback', network: { allow: ['local'] } }],
    sockets: [{ name: 'http', address: `127.0.0.1:${port}`, http: {}, service: { name: 'main' } }],
  };
  writeFileSync(`${dir}/config.bin`, serializeConfig(config));
  return `${dir}/config.bin`;
}

/** `workerd` arguments that serve the config `layout` wrote. */
export function serveArgs(config) {
  return config.endsWith('.bin') ? ['serve', '--binary', config] : ['serve', config];
}

/** Waits until workerd, spawned at `t0`, accepts on `port`. */
export async function untilAccepting(port, t0, name) {
  while (!(await accepts(port))) {
    if (performance.now() - t0 > 30_000) throw new Error(`${name}: workerd did not listen`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** One request to the worker; throws unless it answers as its phase should. */
export async function ask(name, port) {
  const res = await fetch(`http://127.0.0.1:${port}/`);
  const body = await res.json();
  const { phase } = variants[name];
  const want = phase === 'full' ? { count: 20 } : { phase };
  if (res.status !== 200 || JSON.stringify(body) !== JSON.stringify(want)) {
    throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
  }
}

async function once(name, url) {
  const dir = mkdtempSync(`${tmpdir()}/zs-bench-workerd-`);
  const port = await freePort();
  const config = layout(name, dir, port, url, [], variants[name].format);
  const t0 = performance.now();
  const proc = spawn(`${root}node_modules/.bin/workerd`, serveArgs(config), { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await untilAccepting(port, t0, name);
    const listen = performance.now() - t0;
    await ask(name, port);
    const total = performance.now() - t0;
    const cpu = cpuMs(proc.pid);
    const t1 = performance.now();
    await ask(name, port);
    return { listen, total, cpu, second: performance.now() - t1 };
  } finally {
    proc.kill();
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const f = flags();
  const runs = Number(f.runs ?? 5);
  // --ab-only 1: the raw worker and the --ab builds, nothing else, so an
  // A/B gets all the starts a minute allows.
  const only = f['ab-only'] === '1';
  const names = only ? ['raw'] : f.phases ? ['raw', 'load', 'construct', 'client'] : ['raw', 'client'];
  if (!only && existsSync(`${zpaPkg}zscaler_wasm_bg.wasm`)) {
    names.push('client-zpa');
    if (f.phases) names.push('client-zpa-again', 'load-zpa', 'construct-zpa', 'load-zpa-no-code', 'load-zpa-no-data', 'empty', 'bytes');
  }
  if (!only && existsSync(`${minimalPkg}zscaler_wasm_bg.wasm`)) {
    names.push('minimal');
    if (f.phases) names.push('load-minimal');
  }
  if (f.phases && names.includes('client-zpa')) {
    // The same starts from a capnp text config that embeds the modules, as
    // earlier runs measured them: what the config's form alone costs.
    for (const n of ['raw', 'client-zpa', 'empty', 'bytes']) {
      variants[`${n}-text`] = { ...variants[n], format: 'text' };
      names.push(`${n}-text`);
    }
  }
  for (const pair of f.ab ? f.ab.split(',') : []) {
    const [label, dir] = pair.split('=');
    const [name, phase = 'full'] = label.split(':');
    variants[name] = { phase, layout: () => clientFiles(dir.endsWith('/') ? dir : `${dir}/`) };
    names.push(name);
  }
  const out = Object.fromEntries(names.map((n) => [n, { listen: [], total: [], cpu: [], second: [] }]));
  await once('raw', f.url); // untimed: warms the OS file cache for the workerd binary
  for (let i = 0; i < runs; i++) {
    // Alternate the order so drift on a busy machine hits all alike.
    for (const name of i % 2 ? [...names].reverse() : names) {
      const r = await once(name, f.url);
      for (const k of ['listen', 'total', 'cpu', 'second']) out[name][k].push(r[k]);
    }
  }
  console.log(JSON.stringify({ ...out, config: configFormat }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
