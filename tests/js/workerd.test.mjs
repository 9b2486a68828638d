// The wasm package inside real workerd (npm `workerd`), against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { emulatorUrl, root_dir, ZscalerClient, emulatorOptions } from './harness.mjs';
import { pkgModules, startTestWorker } from '../support/workerd.mjs';

// Ignored by git; next to the fixture so embed paths stay short.
const configFile = `${root_dir}tests/workerd/config.generated.capnp`;
let proc;
let base;

before(async () => {
  ({ proc, base } = await startTestWorker(configFile, pkgModules(), emulatorUrl()));
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
