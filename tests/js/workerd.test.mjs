// The wasm package inside real workerd (npm `workerd`), against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { emulatorUrl, root_dir, ZscalerClient, emulatorOptions } from './harness.mjs';

const dir = `${root_dir}tests/workerd/`;
const configFile = `${dir}config.generated.capnp`;
let proc;
let base;

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitUntilUp(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { method: 'HEAD' });
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`workerd did not start: ${e}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Module lines for wasm-bindgen's snippets, named as the glue imports them. */
function snippetModules() {
  return readdirSync(`${root_dir}pkg/snippets`, { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => `    (name = "snippets/${f}", esModule = embed "../../pkg/snippets/${f}"),`)
    .join('\n');
}

before(async () => {
  const port = await freePort();
  const text = readFileSync(`${dir}config.capnp.in`, 'utf8')
    .replaceAll('@PORT@', String(port))
    .replaceAll('@EMULATOR_URL@', emulatorUrl())
    .replace('@SNIPPETS@', snippetModules());
  writeFileSync(configFile, text);
  proc = spawn(`${root_dir}node_modules/.bin/workerd`, ['serve', configFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  base = `http://127.0.0.1:${port}`;
  await waitUntilUp(base, 20_000);
});

after(() => {
  proc?.kill();
  rmSync(configFile, { force: true });
});

test('a worker lists every application segment through the wasm client', async () => {
  const res = await fetch(`${base}/`);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const direct = await new ZscalerClient(emulatorOptions()).zpa.listApplicationSegments({ pagesize: 20 });
  assert.equal(body.count, Number(direct.totalCount));
  assert.equal(new Set(body.ids).size, body.count);
});

test('errors inside the worker are Error objects with typed fields', async () => {
  const res = await fetch(`${base}/?secret=wrong`);
  const body = await res.json();
  assert.deepEqual(body, { name: 'AuthError', code: 'AUTH_FAILED', status: 401, isError: true });
});

test('legacy ZIA login works inside workerd (Set-Cookie is readable there)', async () => {
  const res = await fetch(`${base}/legacy-zia`);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const direct = await new ZscalerClient(emulatorOptions()).zia.listUsers({ pageSize: 1000 });
  assert.equal(body.count, direct.length);
  const wrong = await (await fetch(`${base}/legacy-zia?apiKey=ZYXWVUTSRQPO`)).json();
  assert.equal(wrong.name, 'AuthError');
});

test('a private-key JWT is signed with WebCrypto inside workerd', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const reg = await fetch(`${emulatorUrl()}/_emulator/client-keys`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jwk: publicKey.export({ format: 'jwk' }) }),
  });
  assert.ok(reg.ok, await reg.text());
  try {
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const res = await fetch(`${base}/jwt?jwk=${encodeURIComponent(jwk)}`);
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    const direct = await new ZscalerClient(emulatorOptions()).zpa.listApplicationSegments({ pagesize: 20 });
    assert.equal(body.count, Number(direct.totalCount));
  } finally {
    await fetch(`${emulatorUrl()}/_emulator/client-keys`, { method: 'DELETE' });
  }
});
