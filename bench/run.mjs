// Runs P1 (listing), P1-L (listing with latency), P3 (workerd cold start)
// and P4 (memory) against fresh emulators and writes the raw figures to
// bench/out/*.json. Called by scripts/bench.sh, which builds what this
// needs first.
// node bench/run.mjs --emulator BIN --rust BIN --python BIN --runs N [--only p1,p1l,p3,p4] [--began EPOCH_S]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { flags, revision, root, segmentsPath } from './lib.mjs';
import { minimalPkg, zpaPkg } from './p3_workerd.mjs';
import { sizes } from './wasm_strip.mjs';
import { spawnEmulator } from '../tests/support/emulator.mjs';

const f = flags();
const runs = Number(f.runs ?? 5);
const out = `${root}bench/out/`;
mkdirSync(out, { recursive: true });
// When and on what the run measured, recorded as it starts, so a report
// re-rendered later (`node bench/report.mjs`) still names this run.
// --began: when scripts/bench.sh started, before its builds (epoch seconds).
const began = new Date(f.began ? Number(f.began) * 1000 : Date.now()).toISOString();
writeFileSync(`${out}run${f.only ? `-${f.only}` : ''}.json`, JSON.stringify({ at: began, ...revision() }));

async function withEmulator(bulk, body, extra = []) {
  const { proc, url } = await spawnEmulator(['--rate-limits', 'off', '--bulk', bulk, ...extra], { bin: f.emulator, ms: 30_000 });
  try {
    return await body(url);
  } finally {
    proc.kill();
  }
}

function json(cmd, args, env = {}) {
  const text = execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(text.trim().split('\n').pop());
}

// The Python and SDK versions are read here, by the interpreter that runs
// the SDK, so a later render of the report (without that interpreter at
// hand) still names what was measured.
if (f.python) {
  const ask = (code) => execFileSync(f.python, ['-c', code], { encoding: 'utf8' }).trim();
  writeFileSync(`${out}python.json`, JSON.stringify({
    python: ask('import platform; print(platform.python_version())'),
    sdk: ask("import importlib.metadata as m; print(m.version('zscaler-sdk-python'))"),
  }));
}

const noProxy = { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '127.0.0.1,localhost', PYTHONDONTWRITEBYTECODE: '1' };
// Each takes (url, pagesize, runs) and returns {ms, items}.
const node = (mode) => (url, ps, n, extra = []) => json('node', [`${root}bench/p1_node.mjs`, '--url', url, '--mode', mode, '--pagesize', ps, '--runs', String(n), ...extra]);
const rust = (mode) => (url, ps, n, extra = []) => json(f.rust, ['--url', url, '--mode', mode, '--pagesize', ps, '--runs', String(n), ...extra]);
const p1Methods = {
  'floor: fetch, body read, not parsed (Node)': node('floor'),
  'raw fetch + JSON.parse (Node, serial)': node('raw'),
  'zscaler-wasm iterator (Node, default prefetch)': node('iter'),
  'zscaler-wasm iterator, checkResponses: false (Node, serial)': node('unchecked'),
  'zscaler-wasm listAll (Node, pages in parallel as the budget allows)': node('all'),
  'zscaler-sdk-python (serial)': (url, ps, n) => json(f.python, [`${root}bench/p1_python.py`, '--url', url, '--pagesize', ps, '--runs', String(n)], noProxy),
  'native Rust client, iterator (default prefetch)': rust('iter'),
  'native Rust client, list_all (pages in parallel as the budget allows)': rust('all'),
};

// P1-L: the same walk at pagesize 500 with latency added to every page GET,
// default client options (pacing on). Each call runs one warm-up walk and
// one timed walk with a new client (see the --paced flags).
const paced = ['--paced', '1'];
// What any client that fans out after page 1 costs at the least here: the
// two round trips, plus receiving and parsing every page on one thread.
const FAN_OUT_FLOOR = 'fan-out floor: raw fetch + JSON.parse, page 1 then all others at once (Node, unpaced)';
const p1lMethods = {
  'raw fetch + JSON.parse (Node, serial)': (url, ps, n) => node('raw')(url, ps, n, paced),
  [FAN_OUT_FLOOR]: (url, ps, n) => node('rawall')(url, ps, n, paced),
  'zscaler-wasm iterator (Node)': (url, ps, n) => node('iter')(url, ps, n, paced),
  'zscaler-wasm listAll (Node)': (url, ps, n) => node('all')(url, ps, n, paced),
  'zscaler-sdk-python (serial)': (url, ps, n) => json(f.python, [`${root}bench/p1_python.py`, '--url', url, '--pagesize', ps, '--runs', String(n), '--fresh', '1'], noProxy),
  'native Rust client, iterator': (url, ps, n) => rust('iter')(url, ps, n, paced),
  'native Rust client, list_all': (url, ps, n) => rust('all')(url, ps, n, paced),
};
const P1L_LATENCIES = [40, 150];
const P1L_PAGESIZE = 500;

/** Replaces the emulator's fault rules with one delaying every page GET of
 * the segment listing by `ms` (not the token call, not other paths); the
 * count is far beyond any run, so the rule never runs out. */
async function setLatency(url, ms) {
  await fetch(`${url}/_emulator/faults`, { method: 'DELETE' });
  const rule = { method: 'GET', path_prefix: segmentsPath(), delay_ms: ms, count: 1e12 };
  const res = await fetch(`${url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (!res.ok) throw new Error(`latency rule: HTTP ${res.status} ${await res.text()}`);
}

/** Page GETs the latency rule has delayed so far. */
async function delayedSoFar(url) {
  const [rule] = await (await fetch(`${url}/_emulator/faults`)).json();
  return 1e12 - rule.remaining;
}

/** Waits, up to two minutes, until the 1-minute load average is below 0.5.
 * The builds before P1 and the CPU-bound walks of P1 leave it near 2, and a
 * timed section started then is slowed for its first minute, which moved
 * P1-L's `listAll` ratio across its goal's edge (0.19x in one run, 0.20x in
 * the next, with the native Rust client 20% slower too). */
async function settle(section) {
  const t0 = Date.now();
  while (os.loadavg()[0] >= 0.5 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 2000));
  console.error(`${section}: load average ${os.loadavg()[0].toFixed(2)} after waiting ${Math.round((Date.now() - t0) / 1000)} s`);
}

const only = f.only ? f.only.split(',') : ['p1', 'p1l', 'p3', 'p4'];
if (only.includes('p1')) {
  await settle('P1');
  const p1 = await withEmulator('zpa.applications=10000', async (url) => {
    // Round-robin, one timed walk per client per round (each after its own
    // untimed warm-up): the machine's speed drifts over minutes, and this
    // spreads the drift over every client instead of whichever ran last.
    const rows = [];
    for (const pagesize of ['500', '20']) {
      const mine = Object.keys(p1Methods).map((method) => ({ pagesize: Number(pagesize), method, ms: [] }));
      for (let round = 1; round <= runs; round++) {
        console.error(`P1 pagesize ${pagesize}: round ${round} of ${runs}`);
        for (const row of mine) {
          const { ms, items } = p1Methods[row.method](url, pagesize, 1);
          row.ms.push(...ms);
          if (row.items !== undefined && row.items !== items) throw new Error(`${row.method}: ${items} items, then ${row.items}`);
          row.items = items;
        }
      }
      rows.push(...mine);
    }
    return rows;
  });
  writeFileSync(`${out}p1.json`, JSON.stringify({ runs, rows: p1 }, null, 1));
}

if (only.includes('p1l')) {
  // 10,000 segments and no demo seed: 20 pages of 500, exactly ZPA's budget
  // of 20 GETs per 10 s, so a paced walk never waits for its window (the
  // demo seed's 45 more would make a 21st page wait 10 s). Rate limits stay
  // off in the emulator: its windows are per tenant, across processes, and
  // the clients' own pacing is what P1-L keeps on.
  // The load average before and after: latency-bound walks hide a busy
  // machine less than P1 does, but the CPU-bound Python SDK does not.
  await settle('P1-L');
  const loadBefore = os.loadavg()[0];
  const p1l = await withEmulator('zpa.applications=10000', async (url) => {
    const rows = [];
    for (const latency of P1L_LATENCIES) {
      await setLatency(url, latency);
      const mine = Object.keys(p1lMethods).map((method) => ({ latency, method, ms: [] }));
      for (let round = 1; round <= runs; round++) {
        console.error(`P1-L ${latency} ms: round ${round} of ${runs}`);
        for (const row of mine) {
          const before = await delayedSoFar(url);
          const { ms, items } = p1lMethods[row.method](url, String(P1L_PAGESIZE), 1);
          // Two walks (warm-up and timed), each page delayed: a client
          // whose GETs went elsewhere would not be measured with latency.
          const pages = Math.ceil(items / P1L_PAGESIZE);
          const delayed = (await delayedSoFar(url)) - before;
          if (delayed < 2 * pages) throw new Error(`${row.method}: ${delayed} delayed GETs for two walks of ${pages} pages`);
          row.ms.push(...ms);
          if (row.items !== undefined && row.items !== items) throw new Error(`${row.method}: ${items} items, then ${row.items}`);
          row.items = items;
        }
      }
      rows.push(...mine);
    }
    return rows;
  }, ['--seed', 'empty']);
  const load = [loadBefore, os.loadavg()[0]];
  writeFileSync(`${out}p1l.json`, JSON.stringify({ runs, pagesize: P1L_PAGESIZE, load, rows: p1l }, null, 1));
}

if (only.includes('p3')) {
  await settle('P3');
  console.error('P3 workerd cold start');
  // Starts are cheap (tens of ms) and noisy, and the split rows of the report
  // are differences of two medians, so P3 takes thirty times the runs: even
  // at 150 starts each, two workers on one build (an A/A test) ended 0.8 ms
  // apart, about the goal's margin.
  const p3Runs = runs * 30;
  const p3 = await withEmulator('zpa.applications=100', async (url) => {
    const starts = json('node', [`${root}bench/p3_workerd.mjs`, '--url', url, '--runs', String(p3Runs), '--phases', '1']);
    // The profiles need builds that keep function names (scripts/bench.sh
    // makes them): the all-products package and the ZPA entry.
    const profile = (variant, file) => writeFileSync(`${out}${file}`, execFileSync('node',
      ['--experimental-websocket', `${root}bench/p3_profile.mjs`, '--url', url, '--runs', '5', '--top', '15', '--variant', variant],
      { encoding: 'utf8', env: { ...process.env, BENCH_PKG: `${out}pkg-names/`, BENCH_PKG_ZPA: `${out}pkg-names-zpa/` }, stdio: ['ignore', 'pipe', 'inherit'] }));
    profile('client', 'p3_profile.md');
    if (starts['client-zpa']) profile('client-zpa', 'p3_profile_zpa.md');
    // The wasm compiled lazily by construction and the first call, in Node,
    // on the same named builds: a figure the machine's speed does not move.
    const lazy = (dir) => json('node', [`${root}bench/p3_lazy.mjs`, '--url', url, '--pkg', dir, '--top', '8']);
    writeFileSync(`${out}p3_lazy.json`, JSON.stringify({ all: lazy(`${out}pkg-names/`), zpa: lazy(`${out}pkg-names-zpa/`) }, null, 1));
    // The same count inside workerd, with tier-ups: on the shipped builds.
    const trace = (variant) => json('node', [`${root}bench/p3_trace.mjs`, '--url', url, '--variant', variant]);
    writeFileSync(`${out}p3_trace.json`, JSON.stringify({
      all: trace('client'),
      zpa: starts['client-zpa'] ? trace('client-zpa') : null,
      minimal: starts.minimal ? trace('minimal') : null,
    }, null, 1));
    return starts;
  });
  // The modules' sizes, which the report's split of the start names.
  const size = (dir) => (existsSync(`${dir}zscaler_wasm_bg.wasm`) ? sizes(readFileSync(`${dir}zscaler_wasm_bg.wasm`)) : null);
  const wasm = { zpa: size(zpaPkg), minimal: size(minimalPkg) };
  writeFileSync(`${out}p3.json`, JSON.stringify({ runs: p3Runs, wasm, ...p3 }, null, 1));
}

if (only.includes('p4')) {
  const p4 = await withEmulator('zpa.applications=100000', async (url) => {
    const mem = (mode, extra = []) => json('node', ['--expose-gc', `${root}bench/p4_memory.mjs`, '--url', url, '--mode', mode, '--pagesize', '500', ...extra]);
    const res = { iter: [], raw: [], all: [], live: [] };
    for (let i = 0; i < Math.min(runs, 3); i++) {
      console.error(`P4 memory, round ${i + 1}`);
      res.iter.push(mem('iter'));
      res.raw.push(mem('raw'));
      res.all.push(mem('all'));
      res.live.push(mem('iter', ['--live', '1']));
    }
    res.page = json('node', ['--expose-gc', `${root}bench/p4_page.mjs`, '--url', url, '--pagesize', '500']);
    return res;
  });
  writeFileSync(`${out}p4.json`, JSON.stringify(p4, null, 1));
}
