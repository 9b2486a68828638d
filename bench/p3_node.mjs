// P3's CPU split without I/O: what a cold start spends in V8 on our wasm,
// beside the minimal client, with fetch answered from memory.
//
// Each run is a fresh Node process that times, with performance.now(), the
// module's compile (`new WebAssembly.Module`), its instantiation, building a
// client and the first call (a token and one page of 20 segments), then a
// second call. The answers are recorded once from the emulator and served by
// a stand-in global `fetch`, so no socket or server time is in any figure.
// Every run happens twice: as V8 runs by default (each wasm function
// compiled on its first call) and with --no-wasm-lazy-compilation (all of
// them compiled before the module exists). Construction plus the first call
// in the first mode, less the same in the second, is what compiling the
// first path lazily costs; the second mode's figure is running it.
// Node's V8 is older than workerd's, so read the figures as shares, not as
// P3's milliseconds (BENCHMARKS.md, P3).
//   node bench/p3_node.mjs --url EMULATOR_URL [--runs 20] [--pkg DIR] [--minimal DIR]
// Prints {"<build>": {"lazy": {phase: median ms}, "eager": {...}}}.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flags, median, segmentsUrl } from './lib.mjs';
import { minimalPkg, zpaPkg } from './p3_workerd.mjs';
import { clientOptions, rawToken } from '../tests/support/emulator.mjs';

const PHASES = ['compile', 'instantiate', 'construct', 'call', 'second'];

/** Child mode: one cold start of `pkg`, answers served from `answers`. */
async function child(f) {
  const answer = (name) => readFileSync(`${f.answers}/${name}.json`, 'utf8');
  const token = answer('token');
  const page = answer('page');
  globalThis.fetch = async (url) => new Response(String(url).includes('/oauth2/') ? token : page, {
    status: 200, headers: { 'content-type': 'application/json' },
  });
  // Node's own Response and URL machinery warms up first: it is not ours.
  await (await globalThis.fetch('http://warm.up/')).text();
  new URLSearchParams('a=b').toString();
  const bytes = readFileSync(`${f.pkg}zscaler_wasm_bg.wasm`);
  const glue = await import(pathToFileURL(`${f.pkg}zscaler_wasm.js`).href);
  const minimal = f.kind === 'minimal';
  const base = 'http://emulator.invalid';
  const t = [performance.now()];
  const module = new WebAssembly.Module(bytes);
  t.push(performance.now());
  glue.initSync({ module });
  t.push(performance.now());
  const client = minimal
    ? new glue.ZscalerClient({ tokenUrl: `${base}/oauth2/v1/token`, tokenForm: 'grant_type=client_credentials', segmentsUrl: segmentsUrl(base) })
    : new glue.ZscalerClient(clientOptions(base));
  t.push(performance.now());
  const list = () => (minimal ? client.listApplicationSegments(1, 20) : client.zpa.listApplicationSegments({ page: 1, pagesize: 20 }));
  if ((await list()).list.length !== 20) throw new Error('the first call did not return the page');
  t.push(performance.now());
  await list();
  t.push(performance.now());
  console.log(JSON.stringify(Object.fromEntries(PHASES.map((p, i) => [p, t[i + 1] - t[i]]))));
}

async function main() {
  const f = flags();
  if (f.child) return child(f);
  const runs = Number(f.runs ?? 20);
  const builds = { zpa: resolve(f.pkg ?? zpaPkg), minimal: resolve(f.minimal ?? minimalPkg) };
  const answers = mkdtempSync(`${tmpdir()}/zs-p3-node-`);
  try {
    const token = await rawToken(f.url);
    const page = await fetch(`${segmentsUrl(f.url)}?page=1&pagesize=20`, { headers: { authorization: `Bearer ${token}` } });
    writeFileSync(`${answers}/page.json`, await page.text());
    writeFileSync(`${answers}/token.json`, JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
    const modes = { lazy: [], eager: ['--no-wasm-lazy-compilation'] };
    const rows = {};
    for (let i = 0; i < runs; i++) {
      for (const [name, dir] of Object.entries(builds)) {
        for (const [mode, v8] of Object.entries(modes)) {
          const out = execFileSync(process.execPath, [...v8, fileURLToPath(import.meta.url), '--child', '1',
            '--pkg', `${dir}/`, '--kind', name, '--answers', answers], { encoding: 'utf8' });
          ((rows[name] ??= {})[mode] ??= []).push(JSON.parse(out));
        }
      }
    }
    const summary = {};
    for (const [name, modeRows] of Object.entries(rows)) {
      for (const [mode, list] of Object.entries(modeRows)) {
        const firstPath = list.map((r) => r.construct + r.call);
        summary[name] = { ...summary[name], [mode]: { ...Object.fromEntries(PHASES.map((p) => [p, median(list.map((r) => r[p]))])), firstPath: median(firstPath) } };
      }
    }
    console.log(JSON.stringify(summary, null, 1));
  } finally {
    rmSync(answers, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
