// Runs P1 (listing), P3 (workerd cold start) and P4 (memory) against fresh
// emulators and writes the raw figures to bench/out/*.json. Called by
// scripts/bench.sh, which builds what this needs first.
// node bench/run.mjs --emulator BIN --rust BIN --python BIN --runs N
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { flags, root } from './lib.mjs';
import { spawnEmulator } from '../tests/support/emulator.mjs';

const f = flags();
const runs = Number(f.runs ?? 5);
const out = `${root}bench/out/`;
mkdirSync(out, { recursive: true });

async function withEmulator(bulk, body) {
  const { proc, url } = await spawnEmulator(['--rate-limits', 'off', '--bulk', bulk], { bin: f.emulator, ms: 30_000 });
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

const noProxy = { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '127.0.0.1,localhost', PYTHONDONTWRITEBYTECODE: '1' };
// Each takes (url, pagesize, runs) and returns {ms, items}.
const node = (mode) => (url, ps, n) => json('node', [`${root}bench/p1_node.mjs`, '--url', url, '--mode', mode, '--pagesize', ps, '--runs', String(n)]);
const rust = (mode) => (url, ps, n) => json(f.rust, ['--url', url, '--mode', mode, '--pagesize', ps, '--runs', String(n)]);
const p1Methods = {
  'floor: fetch, body read, not parsed (Node)': node('floor'),
  'raw fetch + JSON.parse (Node, serial)': node('raw'),
  'zscaler-wasm iterator (Node, serial, next page requested ahead)': node('iter'),
  'zscaler-wasm iterator, checkResponses: false (Node, serial)': node('unchecked'),
  'zscaler-wasm listAll (Node, 4 pages in parallel)': node('all'),
  'zscaler-sdk-python (serial)': (url, ps, n) => json(f.python, [`${root}bench/p1_python.py`, '--url', url, '--pagesize', ps, '--runs', String(n)], noProxy),
  'native Rust client, iterator (serial)': rust('iter'),
  'native Rust client, list_all (4 in parallel)': rust('all'),
};

const only = f.only ? f.only.split(',') : ['p1', 'p3', 'p4'];
if (only.includes('p1')) {
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

if (only.includes('p3')) {
  console.error('P3 workerd cold start');
  // Starts are cheap (tens of ms) and noisy, so P3 takes three times the runs.
  const p3Runs = runs * 3;
  const p3 = await withEmulator('zpa.applications=100', async (url) => {
    const starts = json('node', [`${root}bench/p3_workerd.mjs`, '--url', url, '--runs', String(p3Runs), '--phases', '1']);
    // The profiles need builds that keep function names (scripts/bench.sh
    // makes them): the all-products package and the ZPA entry.
    const profile = (variant, file) => writeFileSync(`${out}${file}`, execFileSync('node',
      ['--experimental-websocket', `${root}bench/p3_profile.mjs`, '--url', url, '--runs', '5', '--top', '15', '--variant', variant],
      { encoding: 'utf8', env: { ...process.env, BENCH_PKG: `${out}pkg-names/`, BENCH_PKG_ZPA: `${out}pkg-names-zpa/` }, stdio: ['ignore', 'pipe', 'inherit'] }));
    profile('client', 'p3_profile.md');
    if (starts['client-zpa']) profile('client-zpa', 'p3_profile_zpa.md');
    return starts;
  });
  writeFileSync(`${out}p3.json`, JSON.stringify({ runs: p3Runs, ...p3 }, null, 1));
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
