// P3 inside workerd itself: which wasm functions V8 compiles while a fresh
// workerd answers the P3 worker's first request, read from V8's own
// compile trace (--trace-wasm-compilation-times, set through the config's
// v8Flags). Two things come out of it, both counts a busy machine does not
// move:
//  - Liftoff: the functions compiled lazily on their first call, and the
//    microseconds V8 says each took;
//  - TurboFan: functions that spent their tier-up budget during the first
//    request and were compiled again by the optimising tier. A cold start
//    should have none: one such compile of the inlined schema scan cost
//    5-14 ms of CPU per start (BENCHMARKS.md, P3).
// The flag makes workerd skip its bootstrap compile cache, so this run is
// never timed; bench/p3_workerd.mjs times starts without it.
// node bench/p3_trace.mjs --url EMULATOR_URL [--variant client|client-zpa]
// Prints {"liftoff": {functions, bytes, us}, "turbofan": {functions, bytes}}.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { flags, root } from './lib.mjs';
import { ourCompilations } from './p3_lazy.mjs';
import { ask, layout, serveArgs, untilAccepting } from './p3_workerd.mjs';
import { freePort } from '../tests/support/emulator.mjs';

/** Our module's compilations in `trace`, summed per tier. */
function summarise(trace) {
  const rows = ourCompilations(trace);
  const tier = (name) => {
    const own = rows.filter((r) => r.tier === name);
    return {
      functions: own.length,
      bytes: own.reduce((a, r) => a + r.size, 0),
      us: own.reduce((a, r) => a + r.us, 0),
    };
  };
  return { liftoff: tier('Liftoff'), turbofan: tier('TurboFan') };
}

async function main() {
  const f = flags();
  const variant = f.variant ?? 'client';
  const dir = mkdtempSync(`${tmpdir()}/zs-bench-trace-`);
  const port = await freePort();
  const config = layout(variant, dir, port, f.url, ['--trace-wasm-compilation-times']);
  const proc = spawn(`${root}node_modules/.bin/workerd`, serveArgs(config), { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  try {
    await untilAccepting(port, performance.now(), variant);
    await ask(variant, port);
  } finally {
    proc.kill();
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = summarise(out);
  if (!summary.liftoff.functions) throw new Error(`${variant}: no compile trace from workerd`);
  console.log(JSON.stringify(summary));
}

await main();
