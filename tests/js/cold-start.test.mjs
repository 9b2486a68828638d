// Issue 23's cold-start fix as a count, not a timing: a fresh workerd
// answering P3's first request (a client, a token, a page of 20 segments)
// compiles no wasm function a second time with V8's optimising tier. One
// such compile (the schema scan inlined into one function) cost 5-14 ms of
// CPU on every start. The count comes from V8's own compile trace
// (bench/p3_trace.mjs), so a busy machine does not move it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { root_dir } from './harness.mjs';
import { spawnEmulator } from '../support/emulator.mjs';

test('the first request in a fresh workerd tiers no wasm function up to TurboFan', async () => {
  const { proc, url } = await spawnEmulator(['--bulk', 'zpa.applications=100']);
  try {
    const out = execFileSync('node', [`${root_dir}bench/p3_trace.mjs`, '--url', url, '--variant', 'client'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const { liftoff, turbofan } = JSON.parse(out.trim().split('\n').pop());
    // The trace was read: building a client and listing a page compiles hundreds.
    assert.ok(liftoff.functions > 100, `only ${liftoff.functions} functions compiled lazily`);
    assert.equal(turbofan.functions, 0, `${turbofan.functions} function(s) tiered up (${turbofan.bytes} bytes of code)`);
  } finally {
    proc.kill();
  }
});

test('the stripped wasm copies P3 loads keep the module\'s shape and lose only their code or data', async () => {
  const { readFileSync } = await import('node:fs');
  const { sizes, strip } = await import(`${root_dir}bench/wasm_strip.mjs`);
  const bytes = readFileSync(`${root_dir}pkg/zscaler_wasm_bg.wasm`);
  const shape = (b) => {
    const m = new WebAssembly.Module(b);
    return JSON.stringify([WebAssembly.Module.imports(m), WebAssembly.Module.exports(m)]);
  };
  const s = sizes(bytes);
  for (const what of ['code', 'data']) {
    const copy = strip(bytes, what);
    // Validates, and wasm-bindgen's glue can link it as it links the original.
    assert.equal(shape(copy), shape(bytes), `${what}: imports or exports changed`);
    assert.equal(bytes.length - copy.length, s[what]);
  }
  // Both parts are most of a client module, and they do not overlap.
  assert.ok(s.code > 100_000 && s.data > 50_000, JSON.stringify(s));
  assert.ok(s.code + s.data < s.total);
});
