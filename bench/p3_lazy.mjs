// P3, the part that does not depend on the machine's speed: how much wasm
// code V8 compiles lazily (a function is compiled whole on its first call)
// while a fresh process builds a client and makes its first call. That
// compile work is what cold starts spend most of their wasm time on, and
// unlike a timing it comes out the same on a busy machine.
// Node's V8 reports each compiled function with --trace-wasm-compilation-times;
// a build that keeps function names (KEEP_NAMES=1 scripts/build-wasm.sh)
// lets the heaviest be named.
// node bench/p3_lazy.mjs --url EMULATOR_URL --pkg DIR [--top N]
// Prints {"construct": {functions, bytes}, "call": {functions, bytes, top: [[bytes, name]]},
//         "module": {functions, bytes}}; `call` counts construction too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flags } from './lib.mjs';
import { WasmReader } from './wasm_reader.mjs';
import { CUSTOMER_ID } from '../tests/support/emulator.mjs';

/** Function names (name section) and body sizes (code section) of a wasm
 * binary, by function index (imports first, as V8 numbers them). */
export function functionTable(bytes) {
  const r = new WasmReader(bytes);
  const names = new Map();
  const sizes = new Map();
  let imports = 0;
  const skipLimits = () => {
    const f = r.u();
    r.u();
    if (f & 1) r.u();
  };
  for (const [id, end] of r.sections()) {
    if (id === 2) {
      for (let n = r.u(); n > 0; n--) {
        for (let k = 0; k < 2; k++) { const len = r.u(); r.p += len; } // module, field
        const kind = bytes[r.p++];
        if (kind === 0) { r.u(); imports++; } else if (kind === 1) { r.p++; skipLimits(); } else if (kind === 2) skipLimits(); else r.p += 2;
      }
    } else if (id === 10) {
      const n = r.u();
      for (let i = 0; i < n; i++) {
        const size = r.u();
        sizes.set(imports + i, size);
        r.p += size;
      }
    } else if (id === 0) {
      const len = r.u();
      const name = bytes.subarray(r.p, r.p + len).toString();
      r.p += len;
      while (name === 'name' && r.p < end) {
        const sub = bytes[r.p++];
        const subLen = r.u();
        const subEnd = r.p + subLen;
        if (sub === 1) {
          for (let n = r.u(); n > 0; n--) {
            const idx = r.u();
            const l = r.u();
            names.set(idx, bytes.subarray(r.p, r.p + l).toString());
            r.p += l;
          }
        }
        r.p = subEnd;
      }
    }
  }
  return { names, sizes };
}

/** Every wasm compilation in a V8 trace (--trace-wasm-compilation-times,
 * from Node or workerd) that belongs to our module: the one with the most
 * functions compiled (Node's HTTP parser is a small wasm module too). */
export function ourCompilations(trace) {
  const rows = [...trace.matchAll(/function (0x[0-9a-f]+)#(\d+) using (\w+), took (\d+) (ms|μs).*?bodysize (\d+)/g)]
    .map(([, mod, idx, tier, took, unit, size]) => ({
      mod, idx: Number(idx), tier, us: Number(took) * (unit === 'ms' ? 1000 : 1), size: Number(size),
    }));
  const count = new Map();
  for (const { mod } of rows) count.set(mod, (count.get(mod) ?? 0) + 1);
  const mine = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  return rows.filter((r) => r.mod === mine);
}

/** Body sizes of our module's Liftoff compilations, by function index. */
const ours = (trace) => new Map(ourCompilations(trace).filter((r) => r.tier === 'Liftoff').map((r) => [r.idx, r.size]));

/** Child mode: build a client (and with `call`, list one page), nothing else. */
async function child(f) {
  const wasm = await import(pathToFileURL(`${f.pkg}zscaler_wasm.js`).href);
  wasm.initSync({ module: readFileSync(`${f.pkg}zscaler_wasm_bg.wasm`) });
  const client = new wasm.ZscalerClient({
    clientId: 'emulator-client', clientSecret: 'emulator-secret', baseUrl: f.url,
    tokenUrl: `${f.url}/oauth2/v1/token`, customerId: CUSTOMER_ID,
  });
  if (f.stop === 'call') {
    const page = await client.zpa.listApplicationSegments({ page: 1, pagesize: 20 });
    if (!Array.isArray(page.list)) throw new Error('no page');
  }
}

async function main() {
  const f = flags();
  if (f.child) return child(f);
  const pkg = `${resolve(f.pkg)}/`;
  const { names, sizes } = functionTable(readFileSync(`${pkg}zscaler_wasm_bg.wasm`));
  const run = (stop) => ours(execFileSync(process.execPath,
    ['--trace-wasm-compilation-times', fileURLToPath(import.meta.url), '--child', '1', '--stop', stop, '--url', f.url, '--pkg', pkg],
    { encoding: 'utf8' }));
  const sum = (m) => ({ functions: m.size, bytes: [...m.values()].reduce((a, b) => a + b, 0) });
  const construct = run('construct');
  const call = run('call');
  const top = [...call].sort((a, b) => b[1] - a[1]).slice(0, Number(f.top ?? 10))
    .map(([idx, size]) => [size, (names.get(idx) ?? `function ${idx}`).replace(/::h[0-9a-f]{16}$/, '')]);
  console.log(JSON.stringify({
    construct: sum(construct),
    call: { ...sum(call), top },
    module: { functions: sizes.size, bytes: [...sizes.values()].reduce((a, b) => a + b, 0) },
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
