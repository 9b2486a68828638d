// Where a P1 walk spends its CPU: runs bench/p1_node.mjs under the V8
// sampling profiler and prints self time grouped by where it runs, so the
// analysis in BENCHMARKS.md can be re-derived with one command.
//   node bench/profile.mjs --url URL --mode iter|raw --pagesize N [--runs R]
// Needs a running emulator with bulk data (as scripts/bench.sh starts it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flags } from './lib.mjs';

const f = flags();
const mode = f.mode ?? 'iter';
const pagesize = f.pagesize ?? '500';
const dir = mkdtempSync(join(tmpdir(), 'zs-prof-'));
const script = fileURLToPath(new URL('p1_node.mjs', import.meta.url));
const args = ['--cpu-prof', '--cpu-prof-dir', dir, script, '--url', f.url, '--mode', mode, '--pagesize', pagesize, '--runs', f.runs ?? '5'];
const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
if (run.status !== 0) throw new Error(`p1_node.mjs exited with ${run.status}`);
const file = readdirSync(dir).find((n) => n.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
rmSync(dir, { recursive: true, force: true });

/** The group a profile node's self time belongs to; first match wins. */
const groups = [
  ['inside wasm (scanner, allocator, client logic)', (n, url) => url.startsWith('wasm://')],
  // V8 books builtins to their JS caller: JSON.parse lands in body.js's
  // parseBytes (iter) or in the benchmark loop (raw).
  ['JSON.parse and TextDecoder', (n, url) => (n.functionName === 'parseBytes' && url.endsWith('body.js')) || url.includes('internal/encoding')],
  ['our JS glue (zscaler_wasm.js, body.js, walk.js)', (n, url) => /zscaler_wasm\.js|snippets|\/pkg\//.test(url)],
  ['Node fetch (undici) and streams', (n, url) => /undici|node:internal\/(deps|webstreams|streams)/.test(url)],
  ['garbage collector', (n) => n.functionName === '(garbage collector)'],
  ['idle (waiting on the socket)', (n) => n.functionName === '(idle)'],
  ['the benchmark loop itself (raw: with its JSON.parse)', (n, url) => url.includes('/bench/')],
];
const totals = new Map(groups.map(([name]) => [name, 0]));
totals.set('other (V8, Node internals)', 0);
let all = 0;
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const frame = node.callFrame;
  const hit = groups.find(([, test]) => test(frame, frame.url ?? ''));
  const name = hit ? hit[0] : 'other (V8, Node internals)';
  totals.set(name, totals.get(name) + hits);
  all += hits;
}
const busy = all - totals.get('idle (waiting on the socket)');
console.log(`| where (mode ${mode}, pagesize ${pagesize}) | share of samples | share of busy CPU |`);
console.log('|---|---:|---:|');
for (const [name, hits] of totals) {
  const busyShare = name.startsWith('idle') ? '' : `${((100 * hits) / busy).toFixed(0)} %`;
  console.log(`| ${name} | ${((100 * hits) / all).toFixed(0)} % | ${busyShare} |`);
}
