// Forwarding through the BFF worker in real workerd against the emulator:
// CSRF header, allowlist, body limit, single-flight minting, re-mint after
// expiry, 429 pass-through and per-session rate limiting.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, CSRF, CUSTOMER, login, startEmulator, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';
import { registry } from '../support/registry.mjs';

const emuReady = startEmulator();
const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}`;
// A path no documented rate limit covers (ZIdentity), for bursts that test
// minting, not the tenant's rate budget (tenant-budget.test.mjs).
const UNLIMITED = '/ziam/admin/api/v1/users?limit=1';
let emu;
let base;
let cookie;

before(async () => {
  emu = await emuReady;
  base = await startWorker(workerEnv(emu));
  ({ cookie } = await login(base));
});

const api = (path, init = {}) => call(`${base}/api${path}`, { ...init, headers: { cookie, ...CSRF, ...(init.headers ?? {}) } });
const control = async (path, method = 'POST', body) =>
  (await fetch(`${emu.url}/_emulator/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })).json();
const stats = () => control('stats', 'GET');

test('a ZPA list comes back as the API sent it, hostile strings included', async () => {
  const res = await api(`${ZPA}/application?page=1&pagesize=500`);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = res.json();
  assert.equal(body.list.length, Number(body.totalCount));
  assert.ok(res.text.includes('onerror'), 'seed data arrives unaltered (the page escapes it)');
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('ZIA and ZIdentity paths are forwarded too', async () => {
  assert.equal((await api('/zia/api/v1/users?pageSize=5')).status, 200);
  assert.equal((await api('/ziam/admin/api/v1/users?limit=5')).status, 200);
});

test('a write goes through with its JSON body', async () => {
  const name = `bff-test-${Date.now()}`;
  const res = await api(`${ZPA}/segmentGroup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, enabled: true }) });
  assert.ok(res.status === 200 || res.status === 201, res.text);
  assert.equal(res.json().name, name);
});

test('without the CSRF header (or with a wrong value) an API call is a 403 and nothing is sent', async () => {
  const before = (await stats()).api_requests;
  for (const headers of [{ cookie }, { cookie, 'x-requested-with': 'XMLHttpRequest' }]) {
    const res = await call(`${base}/api${ZPA}/application`, { headers });
    assert.equal(res.status, 403);
    assert.match(res.json().error, /x-requested-with/);
  }
  assert.equal((await stats()).api_requests, before);
});

test('without a session an API call is a 401 "session expired"', async () => {
  const res = await call(`${base}/api${ZPA}/application`, { headers: CSRF });
  assert.equal(res.status, 401);
  assert.deepEqual(res.json(), { error: 'session expired' });
});

test('other hosts, other paths, other tenants and other methods are refused before sending', async () => {
  const before = (await stats()).api_requests;
  const refused = [
    // another host, however spelled
    ['GET', '/api//evil.example/zpa/mgmtconfig/v1/x', 403],
    ['GET', '/api/https:/evil.example/zpa/mgmtconfig/v1/x', 403],
    ['GET', '/api/zpa@evil.example/mgmtconfig/v1/x', 403],
    ['GET', '/api/zpa/mgmtconfig/..%2f..%2f..%2fevil', 403],
    // another path on the API origin
    ['GET', '/api/oauth2/v1/token', 403],
    ['GET', '/api/_emulator/stats', 403],
    ['POST', '/api/zpa/signin', 403],
    ['GET', '/api/zia/api/v1/authenticatedSession', 403],
    ['GET', '/api/zpa/mgmtconfig/%2e%2e/%2e%2e/_emulator/stats', 403],
    ['GET', '/api/zpa/mgmtconfig/v1/admin/customers/999/application', 403],
    ['GET', '/api/zpa/other/v1/x', 403],
    ['GET', '/api', 403],
    // a method outside the allowlist
    ['OPTIONS', `/api${ZPA}/application`, 405],
    ['HEAD', `/api${ZPA}/application`, 405],
  ];
  for (const [method, path, status] of refused) {
    const res = await call(`${base}${path}`, { method, headers: { cookie, ...CSRF } });
    assert.equal(res.status, status, `${method} ${path}`);
  }
  assert.equal((await stats()).api_requests, before, 'nothing reached the API');
});

test('a request body over 1 MiB is a 413, declared or streamed', async () => {
  const big = 'x'.repeat(1024 * 1024 + 1);
  const declared = await api(`${ZPA}/segmentGroup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
  assert.equal(declared.status, 413);
  const stream = new ReadableStream({
    start(c) {
      for (let i = 0; i < 17; i++) c.enqueue(new Uint8Array(64 * 1024));
      c.close();
    },
  });
  const streamed = await api(`${ZPA}/segmentGroup`, { method: 'POST', body: stream, duplex: 'half' });
  assert.equal(streamed.status, 413);
});

test('50 parallel calls on a fresh isolate mint exactly one token', async () => {
  const fresh = await startWorker(workerEnv(emu));
  const session = (await login(fresh)).cookie;
  await control('stats', 'DELETE');
  const all = await Promise.all(
    Array.from({ length: 50 }, () => call(`${fresh}/api${UNLIMITED}`, { headers: { cookie: session, ...CSRF } })),
  );
  assert.deepEqual([...new Set(all.map((r) => r.status))], [200]);
  const s = await stats();
  assert.equal(s.token_requests, 1);
  assert.equal(s.api_requests, 50);
});

// workerd cancels a request that waits on another request's promise with
// nothing pending of its own, so waiters must not park on the minting call.
test('while a slow mint runs, parallel calls on a fresh isolate wait for it and all succeed', async () => {
  const fresh = await startWorker(workerEnv(emu));
  const session = (await login(fresh)).cookie;
  await control('stats', 'DELETE');
  await control('faults', 'POST', { method: 'POST', path_prefix: '/oauth2/v1/token', delay_ms: 600, count: 1 });
  const all = await Promise.all(
    Array.from({ length: 12 }, () => call(`${fresh}/api${UNLIMITED}`, { headers: { cookie: session, ...CSRF } })),
  );
  assert.deepEqual(all.map((r) => r.status), Array(12).fill(200), all.find((r) => r.status !== 200)?.text);
  assert.equal((await stats()).token_requests, 1);
});

test('a mint whose browser went away does not stall the isolate', async () => {
  const fresh = await startWorker(workerEnv(emu));
  const session = (await login(fresh)).cookie;
  await control('stats', 'DELETE');
  await control('faults', 'POST', { method: 'POST', path_prefix: '/oauth2/v1/token', delay_ms: 20_000, count: 1 });
  const gone = new AbortController();
  const first = fetch(`${fresh}/api/zia/api/v1/users?pageSize=1`, { headers: { cookie: session, ...CSRF }, signal: gone.signal }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 300));
  gone.abort();
  assert.equal((await first).name, 'AbortError');
  const started = Date.now();
  const next = await call(`${fresh}/api/zia/api/v1/users?pageSize=1`, { headers: { cookie: session, ...CSRF } });
  assert.equal(next.status, 200, next.text);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  assert.equal((await stats()).token_requests, 2, 'the abandoned mint and one more');
});

test('after the API expires its tokens, the next call re-mints once and succeeds', async () => {
  assert.equal((await api('/zia/api/v1/users?pageSize=1')).status, 200);
  await control('stats', 'DELETE');
  await control('expire-tokens');
  const res = await api('/zia/api/v1/users?pageSize=1');
  assert.equal(res.status, 200, res.text);
  const s = await stats();
  assert.equal(s.token_requests, 1);
  assert.equal(s.api_requests, 2, 'the refused call and its one retry');
});

test('an upstream 429 reaches the browser once, with its Retry-After', async () => {
  await control('stats', 'DELETE');
  await control('faults', 'POST', { method: 'GET', path_prefix: '/zia/api/v1/departments', status: 429, headers: { 'Retry-After': '7' }, count: 1 });
  const res = await api('/zia/api/v1/departments');
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('retry-after'), '7');
  assert.equal((await stats()).api_requests, 1, 'the worker does not retry for the browser');
});

test('each session has its own rate limit: 429 with Retry-After once spent', async () => {
  const tight = await startWorker(workerEnv(emu, { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_SECOND: '0.1' }));
  const a = (await login(tight)).cookie;
  const b = (await login(tight)).cookie;
  const get = (c) => call(`${tight}/api/zia/api/v1/users?pageSize=1`, { headers: { cookie: c, ...CSRF } });
  for (let i = 0; i < 3; i++) assert.equal((await get(a)).status, 200);
  const limited = await get(a);
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal((await get(b)).status, 200, 'another session is unaffected');
});

test('every API root of every registry product passes the allowlist', async () => {
  for (const p of registry.products) {
    for (const apiRoot of p.api_roots) {
      const res = await api(`${p.gateway}${apiRoot}registry-probe`);
      assert.ok(!res.text.includes('destination not allowed'), `${p.name} ${apiRoot}: ${res.status} ${res.text}`);
    }
  }
});

test('/products.json gives the console each registry product\'s name, title and staging, nothing more', async () => {
  const res = await call(`${base}/products.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const want = registry.products.map((p) => ({ name: p.name, title: p.title, staging: p.staging ?? null }));
  assert.deepEqual(res.json(), { products: want });
});

leakCheck(emuReady);
