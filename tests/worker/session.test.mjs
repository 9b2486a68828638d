// Password-mode sessions in real workerd: cookie flags, login, logout,
// rotation, expiry, login rate limiting, and the static page's headers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { call, CSRF, login, PASSWORD, startEmulator, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';

const emuReady = startEmulator();
let base;
before(async () => {
  base = await startWorker(workerEnv(await emuReady));
});

const sessionOf = async (cookie) => (await call(`${base}/auth/session`, { headers: cookie ? { cookie } : {} })).json();

/** A login as seen through another Host (node:http lets us set it), so
 *  the worker believes it runs on a real, non-loopback name. */
function loginAs(host) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/auth/login`, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ password: PASSWORD }));
  });
}

test('on a real host the cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
  const res = await loginAs('admin.example.com');
  assert.equal(res.statusCode, 204);
  const cookie = res.headers['set-cookie'][0];
  assert.match(cookie, /^__Host-zs_session=[^;]+;/);
  const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
  for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/']) assert.ok(attrs.includes(a), `${a} in ${cookie}`);
  assert.ok(!attrs.some((a) => a.startsWith('domain=')), 'no Domain attribute');
});

test('on plain-http loopback the cookie drops Secure and the prefix but keeps the rest', async () => {
  const { status, setCookie } = await login(base);
  assert.equal(status, 204);
  assert.match(setCookie, /^zs_session=/);
  assert.doesNotMatch(setCookie, /secure/i);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  assert.match(setCookie, /Max-Age=3600/);
});

test('a wrong password is a 401 JSON error and sets no cookie', async () => {
  const { status, res } = await login(base, 'not-the-password');
  assert.equal(status, 401);
  assert.equal(typeof res.json().error, 'string');
  assert.equal(res.headers.get('set-cookie'), null);
});

test('a malformed login body is a 400', async () => {
  const res = await call(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
  assert.equal(res.status, 400);
});

test('session describes the login; logout revokes it and clears the cookie', async () => {
  assert.deepEqual(await sessionOf(null), { authenticated: false });
  const { cookie } = await login(base);
  assert.deepEqual(await sessionOf(cookie), { authenticated: true, readOnly: false, customerId: '216196257331281920', tokenMediating: false });
  const out = await call(`${base}/auth/logout`, { method: 'POST', headers: { cookie } });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /^zs_session=;.*Max-Age=0/);
  // The old cookie value is dead even if a client keeps sending it.
  assert.deepEqual(await sessionOf(cookie), { authenticated: false });
  const api = await call(`${base}/api/zia/api/v1/users`, { headers: { cookie, ...CSRF } });
  assert.equal(api.status, 401);
  assert.deepEqual(api.json(), { error: 'session expired' });
});

test('each login gets a new session id and revokes the one it replaces', async () => {
  const first = await login(base);
  const second = await login(base, PASSWORD, first.cookie);
  assert.notEqual(first.cookie, second.cookie);
  assert.notEqual(first.cookie.split('.')[0], second.cookie.split('.')[0]);
  assert.equal((await sessionOf(first.cookie)).authenticated, false);
  assert.equal((await sessionOf(second.cookie)).authenticated, true);
});

test('a forged or tampered cookie is not a session', async () => {
  const { cookie } = await login(base);
  const [name, value] = cookie.split('=');
  const [id, exp, sig] = value.split('.');
  assert.equal((await sessionOf(`${name}=${id}.${Number(exp) + 100000}.${sig}`)).authenticated, false);
  assert.equal((await sessionOf(`${name}=${id}.${exp}.${sig.slice(0, -2)}AA`)).authenticated, false);
});

test('a session expires after SESSION_TTL_SECONDS', async () => {
  const short = await startWorker(workerEnv(await emuReady, { SESSION_TTL_SECONDS: '1' }));
  const { cookie, setCookie } = await login(short);
  assert.match(setCookie, /Max-Age=1/);
  const api = () => call(`${short}/api/zia/api/v1/users`, { headers: { cookie, ...CSRF } });
  assert.notEqual((await api()).status, 401);
  await new Promise((r) => setTimeout(r, 1500));
  const late = await api();
  assert.equal(late.status, 401);
  assert.deepEqual(late.json(), { error: 'session expired' });
});

test('failed logins are rate limited with Retry-After, and then even the right password waits', async () => {
  const limited = await startWorker(workerEnv(await emuReady, { LOGIN_RATE_LIMIT_BURST: '3' }));
  for (let i = 0; i < 3; i++) assert.equal((await login(limited, 'wrong')).status, 401);
  const blocked = await login(limited, 'wrong');
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.res.headers.get('retry-after')) >= 1);
  assert.equal((await login(limited)).status, 429);
});

test('a cross-origin login is refused', async () => {
  const res = await call(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('set-cookie'), null);
});

test('the page and the wasm package are served same-origin with the security headers', async () => {
  const page = await call(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const csp = page.headers.get('content-security-policy');
  for (const d of ["default-src 'self'", "'wasm-unsafe-eval'", "require-trusted-types-for 'script'", "trusted-types 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
    assert.ok(csp.includes(d), d);
  }
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  const glue = await call(`${base}/pkg/zscaler_wasm.js`);
  assert.equal(glue.status, 200);
  assert.match(glue.headers.get('content-type'), /^text\/javascript/);
  assert.match(glue.text, /initSync/);
  const wasm = await fetch(`${base}/pkg/zscaler_wasm_bg.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.ok(WebAssembly.validate(new Uint8Array(await wasm.arrayBuffer())));
});

test('traversal, hidden files and directory listings are not served', async () => {
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/pkg/', '/pkg/snippets', '/.gitignore', '/pkg/..%2fCargo.toml']) {
    const res = await call(`${base}${p}`);
    assert.equal(res.status, 404, p);
  }
});

leakCheck(emuReady);
