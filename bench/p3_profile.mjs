// Where the first request to a fresh workerd spends its CPU: starts the P3
// client worker with workerd's inspector open, samples the isolate with the
// V8 CPU profiler from just before the first request to its answer, and
// prints self time grouped, then the heaviest functions. In-worker timers
// read zero (workerd stops the clock while a request runs), so this is the
// only view from inside. Needs Node's WebSocket (Node >= 22, or Node 20
// with --experimental-websocket) and a running emulator.
//   node --experimental-websocket bench/p3_profile.mjs --url URL [--runs R] [--top N]
//     [--variant client|client-zpa|load|construct]   (the workers of bench/p3_workerd.mjs)
// BENCH_PKG (BENCH_PKG_ZPA for client-zpa) names a build that keeps wasm
// function names (`KEEP_NAMES=1 scripts/build-wasm.sh`); without names wasm
// frames read `$func123`.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { flags, root } from './lib.mjs';
import { ask, layout, serveArgs, untilAccepting } from './p3_workerd.mjs';
import { freePort } from '../tests/support/emulator.mjs';

const f = flags();
const runs = Number(f.runs ?? 5);
const top = Number(f.top ?? 15);
const variant = f.variant ?? 'client';

/** A minimal Chrome DevTools protocol session over one WebSocket. */
async function devtools(url) {
  const ws = new WebSocket(url);
  await new Promise((ok, no) => { ws.onopen = ok; ws.onerror = () => no(new Error(`inspector ${url} refused`)); });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    // workerd answers a command with no result as `params: {}`.
    if (msg.error) w.no(new Error(`${msg.error.message}`)); else w.ok(msg.result ?? msg.params);
  };
  return {
    send: (method, params = {}) => new Promise((ok, no) => {
      waiting.set(++id, { ok, no });
      ws.send(JSON.stringify({ id, method, params }));
    }),
    close: () => ws.close(),
  };
}

let live; // the workerd of the profile under way, killed if it hangs

/** One fresh workerd; returns the CPU profile of its first request. */
async function profileOnce() {
  const dir = mkdtempSync(`${tmpdir()}/zs-bench-prof-`);
  const port = await freePort();
  const inspector = await freePort();
  const config = layout(variant, dir, port, f.url);
  const proc = spawn(`${root}node_modules/.bin/workerd`,
    [...serveArgs(config), `--inspector-addr=127.0.0.1:${inspector}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  live = proc;
  try {
    await untilAccepting(port, performance.now(), variant);
    // The inspector's socket opens a moment after the HTTP one.
    let s;
    for (let tries = 0; !s; tries++) {
      s = await devtools(`ws://127.0.0.1:${inspector}/main`).catch((e) => {
        if (tries > 200) throw e;
        return new Promise((r) => setTimeout(r, 10));
      });
    }
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 50 });
    await s.send('Profiler.start');
    await ask(variant, port);
    const { profile } = await s.send('Profiler.stop');
    s.close();
    return profile;
  } finally {
    // With an inspector attached, workerd may ignore SIGTERM.
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The group a frame's self time belongs to; first match wins. */
const groups = [
  ['wasm: running code (first call, lazily compiled)', (fr) => fr.url.startsWith('wasm://') || /^\$?func\d+|wasm-function/.test(fr.functionName)],
  ['our JS glue (zscaler_wasm.js, snippets)', (fr) => /zscaler_wasm\.js|snippets/.test(fr.url)],
  ['the worker script', (fr) => fr.url.endsWith('worker.mjs')],
  ['garbage collector', (fr) => fr.functionName === '(garbage collector)'],
  ['V8 compiling or running without a JS frame ("(program)")', (fr) => fr.functionName === '(program)'],
  ['idle (waiting on token and page I/O)', (fr) => fr.functionName === '(idle)'],
];
const other = 'other (builtins, runtime)';
const totals = new Map([...groups.map(([n]) => [n, 0]), [other, 0]]);
const byFunction = new Map();
/** profileOnce, given up after 20 s so a stuck workerd or inspector
 * cannot hang the benchmark, and tried again, three times at most. */
async function profileWithRetry() {
  for (let attempt = 1; ; attempt++) {
    let timer;
    const limit = new Promise((_, no) => { timer = setTimeout(() => no(new Error('profile timed out')), 20_000); });
    try {
      return await Promise.race([profileOnce(), limit]);
    } catch (e) {
      live?.kill('SIGKILL');
      if (attempt === 3) throw e;
      console.error(`p3_profile: ${e.message}; trying again`);
    } finally {
      clearTimeout(timer);
    }
  }
}

let wall = 0;
for (let i = 0; i < runs; i++) {
  const p = await profileWithRetry();
  wall += (p.endTime - p.startTime) / 1000;
  // Self time per node: samples x the gap before the next one.
  const self = new Map();
  for (let k = 0; k < p.samples.length; k++) {
    self.set(p.samples[k], (self.get(p.samples[k]) ?? 0) + (p.timeDeltas[k + 1] ?? 0) / 1000);
  }
  for (const node of p.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const fr = node.callFrame;
    const g = groups.find(([, test]) => test(fr));
    const name = g ? g[0] : other;
    totals.set(name, totals.get(name) + ms / runs);
    // Rust symbols lose their hash, wasm modules their content id.
    const fn = (fr.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
    const where = fr.url.split('/').pop().replace(/\.wasm-[0-9a-f]+$/, '.wasm');
    const key = `${fn} ${where ? `(${where})` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms / runs);
  }
}
console.log(`First request in a fresh workerd, mean of ${runs} profiles: ${(wall / runs).toFixed(1)} ms from Profiler.start to stop.\n`);
console.log('| where | ms (mean) |\n|---|---:|');
for (const [name, ms] of totals) console.log(`| ${name} | ${ms.toFixed(1)} |`);
console.log(`\n| heaviest functions (self) | ms (mean) |\n|---|---:|`);
for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| \`${name.trim()}\` | ${ms.toFixed(2)} |`);
}
// A hung inspector socket would keep the process alive.
process.exit(0);
