// Auth modes of the wasm client in Node, against the emulator: private-key
// JWTs signed through WebCrypto (RS256 from a PKCS#8 PEM, ES256 from a JWK
// object), the client secret as HTTP Basic, and legacy ZPA /signin.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ZscalerClient, emulatorOptions, emulatorUrl } from './harness.mjs';

const CUSTOMER = '216196257331281920';

/** OneAPI options with a private key in place of the secret. */
function keyOptions(privateKey) {
  const { clientSecret, ...rest } = emulatorOptions({ privateKey });
  assert.ok(clientSecret, 'the harness gives a secret we drop');
  return rest;
}

async function control(method, body) {
  const res = await fetch(`${emulatorUrl()}/_emulator/client-keys`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

/** The emulator's own segment count, read with a token of our own. */
async function segmentTotal() {
  const base = emulatorUrl();
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'emulator-client',
    client_secret: 'emulator-secret',
  });
  const token = await (await fetch(`${base}/oauth2/v1/token`, { method: 'POST', body: form })).json();
  const res = await fetch(`${base}/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}/application?pagesize=1`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  return Number((await res.json()).totalCount);
}

async function assertListsAllSegments(client) {
  const all = await client.zpa.listAllApplicationSegments({ pagesize: 500 });
  const expected = await segmentTotal();
  assert.ok(expected > 0, 'the demo seed has segments');
  assert.equal(all.length, expected);
}

after(async () => {
  await control('DELETE');
});

test('RS256: a PKCS#8 PEM private key lists segments', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const added = await control('POST', { pem: publicKey.export({ type: 'spki', format: 'pem' }) });
  assert.equal(added.alg, 'RS256');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  await assertListsAllSegments(new ZscalerClient(keyOptions(pem)));
});

test('ES256: a JWK object private key lists segments', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const added = await control('POST', { jwk: publicKey.export({ format: 'jwk' }) });
  assert.equal(added.alg, 'ES256');
  const jwk = privateKey.export({ format: 'jwk' });
  assert.equal(typeof jwk, 'object');
  await assertListsAllSegments(new ZscalerClient(keyOptions(jwk)));
});

test('an unregistered key is an AuthError that does not echo the key', async () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const client = new ZscalerClient(keyOptions(jwk));
  await assert.rejects(client.zpa.listApplicationSegments(), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AuthError');
    assert.equal(err.code, 'AUTH_FAILED');
    assert.equal(err.status, 401);
    const shown = JSON.stringify({ ...err, m: err.message, s: err.stack });
    assert.ok(!shown.includes(jwk.d), 'the private scalar never appears');
    return true;
  });
});

test('the client secret as HTTP Basic lists segments', async () => {
  const client = new ZscalerClient(emulatorOptions({ clientAuth: 'basic' }));
  await assertListsAllSegments(client);
});

test('legacy ZPA signs in, lists segments and signs out', async () => {
  const client = new ZscalerClient({
    legacy: 'zpa',
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    baseUrl: emulatorUrl(),
    customerId: CUSTOMER,
    pacing: false,
  });
  await assertListsAllSegments(client);
  await client.signOut();
  // A second sign-out has nothing left to end.
  await client.signOut();
  // The next call signs in again.
  await assertListsAllSegments(client);
  await client.signOut();
});
