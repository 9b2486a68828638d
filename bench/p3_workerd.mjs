// P3: cold start in workerd. Each run starts a fresh workerd with one
// worker and times spawn -> socket accepting -> first response, for our
// wasm client and for a worker doing the same calls with bare fetch.
// node bench/p3_workerd.mjs --url EMULATOR_URL --runs R
// Prints {"client": {"listen": [...], "total": [...]}, "raw": {...}}.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { flags, root } from './lib.mjs';

const f = flags();
const runs = Number(f.runs ?? 5);
const here = `${root}bench/workerd/`;
const pkg = process.env.BENCH_PKG ?? `${root}pkg/`;
// wasm-bindgen's JS snippets (the error classes) sit in a hashed folder.
const snippets = readdirSync(`${pkg}snippets`, { recursive: true })
  .filter((f) => f.endsWith('.js')).map((f) => `snippets/${f}`);
const variants = {
  client: {
    files: [[`${here}client.mjs`, 'worker.mjs'], [`${pkg}zscaler_wasm.js`, 'zscaler_wasm.js'],
      [`${pkg}zscaler_wasm_bg.wasm`, 'zscaler_wasm_bg.wasm'], ...snippets.map((s) => [`${pkg}${s}`, s])],
    modules: '(name = "worker.mjs", esModule = embed "worker.mjs"), '
      + '(name = "zscaler_wasm.js", esModule = embed "zscaler_wasm.js"), '
      + snippets.map((s) => `(name = "${s}", esModule = embed "${s}"), `).join('')
      + '(name = "zscaler_wasm_bg.wasm", wasm = embed "zscaler_wasm_bg.wasm")',
  },
  raw: {
    files: [[`${here}raw.mjs`, 'worker.mjs']],
    modules: '(name = "worker.mjs", esModule = embed "worker.mjs")',
  },
};

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

async function once(name) {
  const v = variants[name];
  const dir = mkdtempSync(`${tmpdir()}/zs-bench-workerd-`);
  for (const [from, to] of v.files) {
    mkdirSync(dirname(`${dir}/${to}`), { recursive: true });
    copyFileSync(from, `${dir}/${to}`);
  }
  const port = await freePort();
  const config = readFileSync(`${here}config.capnp.in`, 'utf8')
    .replace('@MODULES@', v.modules).replace('@PORT@', String(port))
    .replace('@EMULATOR_URL@', f.url);
  writeFileSync(`${dir}/config.capnp`, config);
  const t0 = performance.now();
  const proc = spawn(`${root}node_modules/.bin/workerd`, ['serve', `${dir}/config.capnp`], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    while (!(await accepts(port))) {
      if (performance.now() - t0 > 30_000) throw new Error(`${name}: workerd did not listen`);
      await new Promise((r) => setTimeout(r, 1));
    }
    const listen = performance.now() - t0;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const body = await res.json();
    const total = performance.now() - t0;
    if (res.status !== 200 || body.count !== 20) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
    return { listen, total };
  } finally {
    proc.kill();
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const out = { client: { listen: [], total: [] }, raw: { listen: [], total: [] } };
await once('raw'); // untimed: warms the OS file cache for the workerd binary
for (let i = 0; i < runs; i++) {
  // Alternate the order so drift on a busy machine hits both alike.
  for (const name of i % 2 ? ['client', 'raw'] : ['raw', 'client']) {
    const r = await once(name);
    out[name].listen.push(r.listen);
    out[name].total.push(r.total);
  }
}
console.log(JSON.stringify(out));
