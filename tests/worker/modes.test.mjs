// Roles and modes: the read-only role, token-mediating mode (off by
// default, working when on) and the trusted identity header (Cloudflare
// Access JWT) verified against a key generated here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { call, CSRF, CUSTOMER, login, startEmulator, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';

const emuReady = startEmulator();
const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}`;
const AUD = 'test-access-aud';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let emu;

before(async () => {
  emu = await emuReady;
});

const b64u = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function jwt(claims, { key = keys.privateKey, kid = 'k1', alg = 'RS256' } = {}) {
  const head = `${b64u({ alg, kid, typ: 'JWT' })}.${b64u(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

test('with ZSCALER_PRIVATE_KEY instead of a secret, the worker mints with a signed assertion', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const reg = await fetch(`${emu.url}/_emulator/client-keys`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pem: ec.publicKey.export({ type: 'spki', format: 'pem' }) }),
  });
  assert.ok(reg.ok, await reg.text());
  try {
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' });
    const base = await startWorker(workerEnv(emu, { ZSCALER_CLIENT_SECRET: undefined, ZSCALER_PRIVATE_KEY: pem }));
    const { cookie } = await login(base);
    const res = await call(`${base}/api${ZPA}/application?pagesize=5`, { headers: { cookie, ...CSRF } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().list.length, 5);
    assert.ok(!res.text.includes('PRIVATE KEY'));
  } finally {
    await fetch(`${emu.url}/_emulator/client-keys`, { method: 'DELETE' });
  }
});

test('the read-only role may GET but not write, and says so in /auth/session', async () => {
  const base = await startWorker(workerEnv(emu, { READ_ONLY: 'true' }));
  const { cookie } = await login(base);
  const headers = { cookie, ...CSRF };
  assert.equal((await call(`${base}/auth/session`, { headers })).json().readOnly, true);
  assert.equal((await call(`${base}/api${ZPA}/application`, { headers })).status, 200);
  const before = (await (await fetch(`${emu.url}/_emulator/stats`)).json()).api_requests;
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const res = await call(`${base}/api${ZPA}/segmentGroup`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    assert.equal(res.status, 403, method);
    assert.deepEqual(res.json(), { error: 'read-only role' });
  }
  const after = (await (await fetch(`${emu.url}/_emulator/stats`)).json()).api_requests;
  assert.equal(after, before, 'no write reached the API');
});

test('token-mediating mode is off by default: /token does not exist', async () => {
  const base = await startWorker(workerEnv(emu));
  const { cookie } = await login(base);
  const res = await call(`${base}/token`, { method: 'POST', headers: { cookie, ...CSRF } });
  assert.equal(res.status, 404);
  assert.equal((await call(`${base}/auth/session`, { headers: { cookie } })).json().tokenMediating, false);
});

test('token-mediating mode hands a working token to a session with the CSRF header only', async () => {
  const base = await startWorker(workerEnv(emu, { TOKEN_MEDIATING: 'true' }));
  const { cookie } = await login(base);
  assert.equal((await call(`${base}/auth/session`, { headers: { cookie } })).json().tokenMediating, true);
  assert.equal((await call(`${base}/token`, { method: 'POST', headers: CSRF })).status, 401);
  assert.equal((await call(`${base}/token`, { method: 'POST', headers: { cookie } })).status, 403);
  const res = await call(`${base}/token`, { method: 'POST', headers: { cookie, ...CSRF } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = res.json();
  assert.ok(body.expires_in > 60 && body.expires_in <= 3600, String(body.expires_in));
  assert.ok(Math.abs(body.expires_at - (Date.now() + body.expires_in * 1000)) < 5000);
  const direct = await fetch(`${emu.url}/zia/api/v1/users?pageSize=1`, { headers: { authorization: `Bearer ${body.access_token}` } });
  assert.equal(direct.status, 200, 'the token is a real one');
});

test('a read-only session gets no token even in token-mediating mode', async () => {
  const base = await startWorker(workerEnv(emu, { TOKEN_MEDIATING: 'true', READ_ONLY: 'true' }));
  const { cookie } = await login(base);
  const res = await call(`${base}/token`, { method: 'POST', headers: { cookie, ...CSRF } });
  assert.equal(res.status, 403);
});

test('Access-JWT mode: a valid assertion is a session; bad key, audience, expiry or alg are not', async () => {
  const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const base = await startWorker(workerEnv(emu, { AUTH_MODE: 'access', ACCESS_AUD: AUD, ACCESS_JWKS: JSON.stringify({ keys: [jwk] }), ADMIN_PASSWORD_HASH: undefined }));
  const good = { aud: [AUD], sub: 'user-1', email: 'a@example.com', iat: now(), exp: now() + 300 };
  const as = (token) => ({ 'cf-access-jwt-assertion': token, ...CSRF });
  const session = async (token) => (await call(`${base}/auth/session`, { headers: as(token) })).json().authenticated;

  assert.equal(await session(jwt(good)), true);
  assert.equal((await call(`${base}/api${ZPA}/application`, { headers: as(jwt(good)) })).status, 200);
  const bad = {
    'wrong key': jwt(good, { key: otherKeys.privateKey }),
    'unknown kid': jwt(good, { kid: 'k2' }),
    'wrong audience': jwt({ ...good, aud: 'someone-else' }),
    expired: jwt({ ...good, exp: now() - 120 }),
    'not yet valid': jwt({ ...good, nbf: now() + 600 }),
    'alg none': jwt(good, { alg: 'none' }),
    garbage: 'a.b.c',
  };
  for (const [why, token] of Object.entries(bad)) {
    assert.equal(await session(token), false, why);
    const res = await call(`${base}/api${ZPA}/application`, { headers: as(token) });
    assert.equal(res.status, 401, why);
  }
  assert.equal((await call(`${base}/api${ZPA}/application`, { headers: { 'cf-access-jwt-assertion': jwt(good) } })).status, 403, 'CSRF header still required');
  assert.equal((await login(base)).status, 404, 'no password login in this mode');
});

test('Access-JWT mode also accepts a PEM public key', async () => {
  const pem = keys.publicKey.export({ format: 'pem', type: 'spki' });
  const base = await startWorker(workerEnv(emu, { AUTH_MODE: 'access', ACCESS_AUD: AUD, ACCESS_PUBLIC_KEY: pem, ADMIN_PASSWORD_HASH: undefined }));
  const token = jwt({ aud: AUD, sub: 'u', exp: now() + 60 });
  assert.equal((await call(`${base}/auth/session`, { headers: { 'cf-access-jwt-assertion': token } })).json().authenticated, true);
  const forged = jwt({ aud: AUD, sub: 'u', exp: now() + 60 }, { key: otherKeys.privateKey });
  assert.equal((await call(`${base}/auth/session`, { headers: { 'cf-access-jwt-assertion': forged } })).json().authenticated, false);
});

test('a misconfigured worker answers 500 without naming any value', async () => {
  const base = await startWorker(workerEnv(emu, { ADMIN_PASSWORD_HASH: 'plain-text-password' }));
  const res = await call(`${base}/auth/session`);
  assert.equal(res.status, 500);
  assert.deepEqual(res.json(), { error: 'worker misconfigured' });
});

leakCheck(emuReady);
