// State across isolates: several copies of the worker in one workerd, each
// in its own isolate (as Cloudflare runs many), bound to the same
// TenantState Durable Object. A logout, the failed-login budget and the
// OneAPI token must be one for all of them; without the binding each
// isolate keeps its own (and says so once).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { call, CSRF, login, PASSWORD, startEmulator, startIsolates, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';

// The emulator enforces the documented rate limits, as the service does:
// the shared state must hold without the API refusing anything.
const emuReady = startEmulator(['--rate-limits', 'on']);
// Same key everywhere, as on Cloudflare: any isolate can verify any cookie,
// so only the revocation list decides whether a logged-out cookie works.
const SECRET = { SESSION_SECRET: 'tenant-test-session-secret-0123456789abcdef' };
let emu;

before(async () => {
  emu = await emuReady;
});

const control = async (path, method = 'POST', body) =>
  (await fetch(`${emu.url}/_emulator/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })).json();
const stats = () => control('stats', 'GET');
const sessionAt = async (base, cookie) => (await call(`${base}/auth/session`, { headers: { cookie } })).json();
// ZIdentity documents no rate limit, so bursts here test the token and
// sessions, not the rate budget (tenant-budget.test.mjs).
const apiAt = (base, cookie) => call(`${base}/api/ziam/admin/api/v1/users?limit=1`, { headers: { cookie, ...CSRF } });

test('a logout through one isolate rejects the cookie in every other', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2 });
  const [a, b, c] = bases;
  const { cookie } = await login(a);
  // Valid everywhere first, so the rejection below is the revocation's doing.
  for (const base of bases) assert.equal((await sessionAt(base, cookie)).authenticated, true, base);
  assert.equal((await apiAt(b, cookie)).status, 200);
  assert.equal((await call(`${a}/auth/logout`, { method: 'POST', headers: { cookie } })).status, 204);
  for (const base of [b, c]) {
    assert.equal((await sessionAt(base, cookie)).authenticated, false, base);
    const api = await apiAt(base, cookie);
    assert.equal(api.status, 401, base);
    assert.deepEqual(api.json(), { error: 'session expired' });
  }
  // The unreachable-object test below relies on cookies signed like this.
  assert.equal((await sessionAt(c, signedCookie())).authenticated, true, 'a cookie signed with SESSION_SECRET is a session');
  // A login that rotates a session at one isolate revokes it at the others too.
  const first = await login(b);
  const second = await login(c, PASSWORD, first.cookie);
  assert.equal(second.status, 204);
  assert.equal((await sessionAt(a, first.cookie)).authenticated, false);
  assert.equal((await sessionAt(a, second.cookie)).authenticated, true);
});

test('failed logins spread over isolates share one budget', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, LOGIN_RATE_LIMIT_BURST: '3' }), { replicas: 2 });
  const [a, b, c] = bases;
  for (const base of bases) assert.equal((await login(base, 'wrong')).status, 401, base);
  // Each isolate saw one failure; together they spent the budget of three.
  const blocked = await login(a, 'wrong');
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.res.headers.get('retry-after')) >= 1);
  assert.equal((await login(b)).status, 429, 'even the right password waits');
  assert.equal((await login(c)).status, 429);
});

test('30 sessions listing and writing through three isolates at once mint exactly one token', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2 });
  const cookies = [];
  for (let i = 0; i < 30; i++) cookies.push((await login(bases[i % 3])).cookie);
  await control('stats', 'DELETE');
  // Every third session writes (a ZIdentity group), the others list.
  const writeAt = (base, cookie, i) => call(`${base}/api/ziam/admin/api/v1/groups`, {
    method: 'POST', headers: { cookie, ...CSRF, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `tenant-${i}-${Date.now()}` }),
  });
  const all = await Promise.all(cookies.map((cookie, i) =>
    (i % 3 === 0 ? writeAt : apiAt)(bases[(i + 1) % 3], cookie, i)));
  const bad = all.find((r) => r.status >= 300);
  assert.equal(bad, undefined, bad && `${bad.status} ${bad.text}`);
  const s = await stats();
  assert.equal(s.token_requests, 1);
  assert.equal(s.api_requests, 30);
});

test('a token the API stops accepting is replaced once for all isolates', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1 });
  const [a, b] = bases;
  const { cookie } = await login(a);
  // Both isolates hold the shared token.
  assert.equal((await apiAt(a, cookie)).status, 200);
  assert.equal((await apiAt(b, cookie)).status, 200);
  await control('stats', 'DELETE');
  await control('expire-tokens');
  const first = await apiAt(a, cookie);
  assert.equal(first.status, 200, first.text);
  // b still caches the refused token: its 401 fetches the replacement a
  // already caused, not a second one.
  const second = await apiAt(b, cookie);
  assert.equal(second.status, 200, second.text);
  const s = await stats();
  assert.equal(s.token_requests, 1);
  assert.equal(s.api_requests, 4, 'each isolate: the refused call and its one retry');
});

test('a slow mint is shared by isolates that ask during it', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2 });
  const cookie = (await login(bases[0])).cookie;
  await control('stats', 'DELETE');
  await control('faults', 'POST', { method: 'POST', path_prefix: '/oauth2/v1/token', delay_ms: 800, count: 1 });
  const all = await Promise.all(Array.from({ length: 12 }, (_, i) => apiAt(bases[i % 3], cookie)));
  assert.deepEqual(all.map((r) => r.status), Array(12).fill(200), all.find((r) => r.status !== 200)?.text);
  assert.equal((await stats()).token_requests, 1);
});

// workerd evicts an object after 10 s without calls, as Cloudflare does
// after a while: what is only in its memory (the login buckets) starts
// over, what is stored (revocations) does not.
test('revocations outlive the object\'s eviction; login buckets start over', async () => {
  const env = workerEnv(emu, { ...SECRET, LOGIN_RATE_LIMIT_BURST: '1', LOGIN_RATE_LIMIT_PER_SECOND: '0.0001' });
  const { bases } = await startIsolates(env, { replicas: 1 });
  const [a, b] = bases;
  const { cookie } = await login(a);
  assert.equal((await call(`${a}/auth/logout`, { method: 'POST', headers: { cookie } })).status, 204);
  assert.equal((await login(a, 'wrong')).status, 401);
  assert.equal((await login(a, 'wrong')).status, 429);
  await new Promise((r) => setTimeout(r, 12_000));
  // b never saw this cookie, so only the object can know it is revoked.
  assert.equal((await sessionAt(b, cookie)).authenticated, false);
  assert.equal((await login(b, 'wrong')).status, 401, 'the object was evicted: its buckets are new');
});

/** A cookie signed with SESSION_SECRET, as the worker would make it. */
function signedCookie() {
  const payload = `${randomBytes(18).toString('base64url')}.${Date.now() + 600_000}`;
  return `zs_session=${payload}.${createHmac('sha256', SECRET.SESSION_SECRET).update(payload).digest('base64url')}`;
}

// Without its storage directory the object cannot start: every call to it
// fails, as when it is unreachable on Cloudflare.
test('when the object is unreachable, logins and cookie checks fail closed with 503', async () => {
  const { bases, stateDir, log } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1 });
  rmSync(stateDir, { recursive: true, force: true });
  const cookie = signedCookie();
  for (const base of bases) {
    const res = await login(base);
    assert.equal(res.status, 503, base);
    assert.deepEqual(res.res.json(), { error: 'session state unavailable' });
    assert.equal(res.res.headers.get('retry-after'), '1');
    assert.equal(res.res.headers.get('set-cookie'), null);
    const api = await apiAt(base, cookie);
    assert.equal(api.status, 503, `a cookie that cannot be checked is not accepted: ${api.text}`);
  }
  assert.match(log(), /tenant state (loginWait|isRevoked) failed/);
});

// Tokens that live 4 s: the object replaces its token at half-life, and an
// isolate renews its copy at half of what it was told is left, so no call
// ever carries an expired token, and the isolates together mint about once
// per 2 s where each on its own would mint every 1.5 s.
test('short-lived tokens are replaced early, once for all isolates', { skip: !process.env.ZSCALER_EMULATOR_BIN && 'needs ZSCALER_EMULATOR_BIN' }, async () => {
  const short = await startEmulator(['--token-ttl', '4']);
  const { bases } = await startIsolates(workerEnv(short, SECRET), { replicas: 1 });
  const { cookie } = await login(bases[0]);
  const statsOf = async () => (await fetch(`${short.url}/_emulator/stats`)).json();
  let calls = 0;
  const started = Date.now();
  while (Date.now() - started < 5_000) {
    for (const base of bases) {
      const res = await apiAt(base, cookie);
      assert.equal(res.status, 200, res.text);
      calls += 1;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const s = await statsOf();
  assert.equal(s.api_requests, calls, 'no call was refused and retried: no token was used past its expiry');
  assert.ok(s.token_requests >= 2, `renewed before expiry: ${s.token_requests} mints`);
  assert.ok(s.token_requests <= 4, `one mint per renewal for both isolates: ${s.token_requests} mints`);
});

test('without the TENANT binding each isolate keeps its own state, and says so once', async () => {
  const { bases, log } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1, tenant: false });
  const [a, b] = bases;
  const { cookie } = await login(a);
  await control('stats', 'DELETE');
  for (let i = 0; i < 3; i++) {
    assert.equal((await apiAt(a, cookie)).status, 200);
    assert.equal((await apiAt(b, cookie)).status, 200);
  }
  assert.equal((await stats()).token_requests, 2, 'one mint per isolate');
  assert.equal((await call(`${a}/auth/logout`, { method: 'POST', headers: { cookie } })).status, 204);
  assert.equal((await sessionAt(a, cookie)).authenticated, false);
  assert.equal((await sessionAt(b, cookie)).authenticated, true, 'the other isolate never heard of the logout');
  await new Promise((r) => setTimeout(r, 200)); // let workerd flush its log
  const said = log().split('\n').filter((l) => l.includes('TENANT binding absent: state is per isolate'));
  assert.equal(said.length, 2, `once per isolate:\n${log()}`);
});

test('with the binding nothing says state is per isolate', async () => {
  const { bases, log } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1 });
  const { cookie } = await login(bases[0]);
  for (const base of bases) assert.equal((await apiAt(base, cookie)).status, 200);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(!log().includes('TENANT binding absent'), log());
});

leakCheck(emuReady);
