// Shared pieces of the benchmark scripts: loading the wasm package, client
// options for the emulator, the raw segment page loop, and a median. The
// emulator and port helpers are the test harnesses' (tests/support/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clientOptions as emulatorOptions, CUSTOMER_ID, rawToken, root } from '../tests/support/emulator.mjs';
import { gateway, registry } from '../tests/support/registry.mjs';

export { registry, root };

/** The wasm package, instantiated synchronously: pkg/, or BENCH_PKG (a
 * directory) to profile a build that keeps its function names. */
export async function loadClient() {
  const pkg = process.env.BENCH_PKG ?? `${root}pkg/`;
  const wasm = await import(`${pkg}zscaler_wasm.js`);
  wasm.initSync({ module: readFileSync(`${pkg}zscaler_wasm_bg.wasm`) });
  return wasm.ZscalerClient;
}

/** Client options for the emulator; pacing off because the emulator runs
 * without rate limits and throughput is what we measure. */
export function clientOptions(base) {
  return emulatorOptions(base, { pacing: false });
}

/** Client options for P1-L: the defaults, pacing on, as a script would use
 * them against a real tenant. */
export function pacedClientOptions(base) {
  return emulatorOptions(base);
}

/** The path of the segment listing, which P1-L's latency rule matches. */
export function segmentsPath() {
  return `${gateway('zpa')}/mgmtconfig/v1/admin/customers/${CUSTOMER_ID}/application`;
}

export function segmentsUrl(base) {
  return `${base}${segmentsPath()}`;
}

/** A function fetching one page of segments with a raw OneAPI token: the
 * hand-written peer loop of P1 and P4. */
export async function rawPageFetcher(base, pagesize) {
  const headers = { authorization: `Bearer ${await rawToken(base)}` };
  return (page) => fetch(`${segmentsUrl(base)}?page=${page}&pagesize=${pagesize}`, { headers });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Flags as `--name value` pairs into an object of strings. */
export function flags(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

/** The commit measured and whether files it tracks were changed; the
 * report BENCHMARKS.md is a run's output, not its input, so it is left out. */
export function revision() {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md') !== '',
  };
}

/** How a report names a run: `run` is what bench/run.mjs recorded as it
 * began ({at, commit, dirty}), or, for figures without such a record, now
 * and the checkout as it is. */
export function runText(recorded) {
  const run = recorded ?? { at: new Date().toISOString(), ...revision() };
  return `${run.at.slice(0, 16).replace('T', ' ')} UTC, commit \`${run.commit}\`${run.dirty ? ' (with uncommitted changes)' : ''}`;
}
