// The tenant's rate budget across isolates: three copies of the worker in
// one workerd, each in its own isolate, bound to the same TenantState. The
// emulator is the judge: with its documented rate limits on, it answers
// 429 to any request past a window, as counted where requests arrive. The
// worker's own refusals say `rate budget exhausted`; the emulator's never do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { call, CSRF, CUSTOMER, login, startEmulator, startIsolates, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';

const emuReady = startEmulator();
const SECRET = { SESSION_SECRET: 'budget-test-session-secret-0123456789abcdef' };
const ZPA_APPS = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}/application?page=1&pagesize=2`;
const ZIA_GROUPS = '/zia/api/v1/ipDestinationGroups';
let emu;

const control = async (path, method = 'POST', body) =>
  (await fetch(`${emu.url}/_emulator/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })).json();
const stats = () => control('stats', 'GET');

before(async () => {
  emu = await emuReady;
  await control('rate-limits', 'POST', { enabled: true });
});
// A shared emulator (ZSCALER_EMULATOR_URL) goes back to its default; our
// own is gone by now.
after(async () => {
  if (!emu.own) await control('rate-limits', 'POST', { enabled: false });
});

const api = (base, cookie, path, init = {}) =>
  call(`${base}/api${path}`, { ...init, headers: { cookie, ...CSRF, ...(init.headers ?? {}) } });
const write = (base, cookie, name) =>
  api(base, cookie, ZIA_GROUPS, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, type: 'DSTN_IP', addresses: ['192.0.2.1'] }),
  });
const refusedByBudget = (res) => res.status === 429 && res.text.includes('rate budget exhausted');

/** Logs `n` sessions in, spread over the isolates: `[base, cookie]` each. */
async function sessions(bases, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push([bases[i % bases.length], (await login(bases[i % bases.length])).cookie]);
  return out;
}

test('sessions on three isolates listing ZPA and writing ZIA stay within the documented windows', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, RATE_BUDGET_MAX_WAIT_SECONDS: '30' }), { replicas: 2 });
  const users = await sessions(bases, 6);
  await control('stats', 'DELETE');
  const started = Date.now();
  const timed = async (p) => ({ res: await p, at: Date.now() - started });
  // 30 ZPA GETs (20 per 10 s), 5 ZIA writes (1 per s) and 6 ZIA GETs
  // (2 per s), all at once, every session on its own isolate.
  const gets = Array.from({ length: 30 }, (_, i) => timed(api(...users[i % 6], ZPA_APPS)));
  const writes = Array.from({ length: 5 }, (_, i) => timed(write(...users[(i + 1) % 6], `budget-${i}-${started}`)));
  const reads = Array.from({ length: 6 }, (_, i) => timed(api(...users[(i + 2) % 6], `${ZIA_GROUPS}?page=1`)));
  const all = await Promise.all([...gets, ...writes, ...reads]);
  const bad = all.find(({ res }) => res.status !== 200);
  assert.equal(bad, undefined, bad && `${bad.res.status} ${bad.res.text}`);
  assert.equal((await stats()).api_requests, 41, 'each call reached the API once: none was refused and retried');
  // The waits happened in the worker, not as 429s: the 21st ZPA GET could
  // only go once the first of the 20 before it had left its window.
  const zpa = (await Promise.all(gets)).map((g) => g.at).sort((x, y) => x - y);
  assert.ok(zpa[20] >= 10_000, `21st ZPA GET answered after ${zpa[20]} ms`);
  const zia = (await Promise.all(writes)).map((g) => g.at).sort((x, y) => x - y);
  assert.ok(zia[4] >= 4_000, `5th ZIA write answered after ${zia[4]} ms`);
});

test('a wait past the limit gives the browser 429 and Retry-After, and nothing goes upstream', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, RATE_BUDGET_MAX_WAIT_SECONDS: '2' }), { replicas: 2 });
  const [[a, ca], [b, cb], [c, cc]] = await sessions(bases, 3);
  await control('stats', 'DELETE');
  // ZIA allows one DELETE a minute: the second, on another isolate, would
  // wait about that long.
  assert.equal((await api(a, ca, `${ZIA_GROUPS}/999999`, { method: 'DELETE' })).status, 404);
  const second = await api(b, cb, `${ZIA_GROUPS}/999998`, { method: 'DELETE' });
  assert.equal(second.status, 429, second.text);
  assert.deepEqual(second.json(), { error: 'rate budget exhausted' });
  const retry = Number(second.headers.get('retry-after'));
  assert.ok(retry >= 55 && retry <= 60, `retry-after ${retry}`);
  assert.equal((await stats()).api_requests, 1, 'the refused DELETE was never sent');
  // Six writes at once with 2 s to wait: about three go (at 0, 1 and 2 s),
  // the others are refused at once, never by the API.
  await control('stats', 'DELETE');
  const t0 = Date.now();
  const results = await Promise.all([a, b, c, a, b, c].map((base, i) => write(base, [ca, cb, cc][i % 3], `over-${i}-${t0}`)));
  const ok = results.filter((r) => r.status === 200).length;
  const refused = results.filter(refusedByBudget);
  assert.equal(ok + refused.length, 6, results.map((r) => `${r.status} ${r.text}`).join('\n'));
  assert.ok(ok >= 2 && ok <= 3, `${ok} writes went`);
  for (const r of refused) assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.equal((await stats()).api_requests, ok);
});

test('queued writes from several isolates go in the order they arrived', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, RATE_BUDGET_MAX_WAIT_SECONDS: '20' }), { replicas: 2 });
  const users = await sessions(bases, 3);
  const t0 = Date.now();
  const pending = [];
  for (let i = 0; i < 5; i++) {
    pending.push(write(...users[(i * 2) % 3], `order-${i}-${t0}`));
    await new Promise((r) => setTimeout(r, 150)); // each asks well after the one before
  }
  const done = await Promise.all(pending);
  for (const r of done) assert.equal(r.status, 200, r.text);
  // The emulator numbers what it creates: ids rise in the order it took them.
  const ids = done.map((r) => r.json().id);
  assert.deepEqual(ids, [...ids].sort((x, y) => x - y), `created in order ${ids}`);
});

// The slot is given back when the answer is in, even if the browser that
// asked has gone: otherwise it would stay taken until its lease lapses
// (the client's timeout), and ZIA writes would stop for that long.
test('a call whose browser went away gives its slot back', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, RATE_BUDGET_MAX_WAIT_SECONDS: '5' }), { replicas: 1 });
  const [[a, ca], [b, cb]] = await sessions(bases, 2);
  await control('faults', 'POST', { method: 'POST', path_prefix: ZIA_GROUPS, delay_ms: 2_000, count: 1 });
  const gone = new AbortController();
  const first = fetch(`${a}/api${ZIA_GROUPS}`, {
    method: 'POST',
    signal: gone.signal,
    headers: { cookie: ca, ...CSRF, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `gone-${Date.now()}`, type: 'DSTN_IP', addresses: ['192.0.2.1'] }),
  }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 300));
  gone.abort();
  assert.equal((await first).name, 'AbortError');
  // Its answer comes at about 2 s and its slot leaves the window a second
  // later; a lapsed lease would hold it for 31 s, past the 5 s allowed.
  await new Promise((r) => setTimeout(r, 3_500));
  const next = await write(b, cb, `after-gone-${Date.now()}`);
  assert.equal(next.status, 200, next.text);
});

// Access mode, where cookie checks do not ask the object, so an API call
// with a token already cached gets as far as its lease. workerd evicts the
// idle object after 10 s; without its storage directory it cannot start
// again, as when it is unreachable on Cloudflare.
test('when the object is unreachable, budgeted calls are not sent and get 503', async () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const env = workerEnv(emu, { AUTH_MODE: 'access', ACCESS_AUD: 'aud', ACCESS_JWKS: JSON.stringify({ keys: [jwk] }), ADMIN_PASSWORD_HASH: undefined });
  const { bases, stateDir, log } = await startIsolates(env, { replicas: 1 });
  const b64u = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${b64u({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64u({ aud: ['aud'], sub: 'u', exp: Math.floor(Date.now() / 1000) + 600 })}`;
  const assertion = `${head}.${createSign('RSA-SHA256').update(head).sign(keys.privateKey).toString('base64url')}`;
  const get = (base, path) => call(`${base}/api${path}`, { headers: { 'cf-access-jwt-assertion': assertion, ...CSRF } });
  for (const base of bases) assert.equal((await get(base, ZPA_APPS)).status, 200, 'each isolate holds the token');
  rmSync(stateDir, { recursive: true, force: true });
  await new Promise((r) => setTimeout(r, 12_000));
  await control('stats', 'DELETE');
  for (const base of bases) {
    const res = await get(base, ZPA_APPS);
    assert.equal(res.status, 503, res.text);
    assert.deepEqual(res.json(), { error: 'rate budget unavailable' });
    assert.equal(res.headers.get('retry-after'), '1');
  }
  assert.equal((await stats()).api_requests, 0, 'nothing was sent unbudgeted');
  // A product without documented limits needs no lease, so it still works.
  assert.equal((await get(bases[0], '/ziam/admin/api/v1/users?limit=1')).status, 200);
  assert.match(log(), /tenant state lease failed/);
});

// Without the binding the worker behaves as before: no budget, and the
// client does not pace by default, so the isolates' writes go at once.
test('without the TENANT binding nothing waits for a shared budget', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2, tenant: false });
  const users = [];
  for (const base of bases) users.push([base, (await login(base)).cookie]);
  const t0 = Date.now();
  const results = await Promise.all(users.map(([base, cookie], i) => write(base, cookie, `free-${i}-${t0}`)));
  const took = Date.now() - t0;
  // Each isolate mints its own token and the emulator keeps its windows
  // per token, so each isolate's one write passes.
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200], results.map((r) => r.text).join('\n'));
  assert.ok(took < 1_800, `three writes took ${took} ms: something waited`);
});

leakCheck(emuReady);
