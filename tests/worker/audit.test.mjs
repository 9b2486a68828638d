// The audit trail of writes: copies of the worker in their own isolates,
// bound to one TenantState object, each write recorded once (who, method,
// path, status, the API's request id), reads never; the trail outlives the
// object's eviction, keeps its bound, and exports CSV a spreadsheet cannot
// run. The store's idempotency and CSV escaping are also checked directly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { call, CSRF, CUSTOMER, login, startEmulator, startIsolates, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';
import { registry } from '../support/registry.mjs';
import { root } from '../support/emulator.mjs';
import { AuditTrail, classify, csvCell, MemoryStorage, toCsv } from '../../worker/src/tenant-audit.mjs';

// The emulator enforces the documented rate limits, as the service does:
// the shared state must hold without the API refusing anything.
const emuReady = startEmulator(['--rate-limits', 'on']);
const SECRET = { SESSION_SECRET: 'audit-test-session-secret-0123456789abcdef' };
const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}`;
let emu;

before(async () => {
  emu = await emuReady;
});

async function write(base, cookie, method, path, body) {
  return call(`${base}/api${path}`, { method, headers: { cookie, ...CSRF, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
}
const trail = async (base, cookie, query = '') => {
  const res = await call(`${base}/audit${query}`, { headers: { cookie, ...CSRF } });
  assert.equal(res.status, 200, res.text);
  return res.json();
};

test('writes through three isolates are each recorded once; reads are not', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2 });
  const cookies = [];
  for (const base of bases) cookies.push((await login(base)).cookie);
  const expected = [];
  for (let i = 0; i < bases.length; i++) {
    // Reads first: a GET and a read POST (ZWA's search) must leave no entry.
    assert.equal((await call(`${bases[i]}/api${ZPA}/segmentGroup`, { headers: { cookie: cookies[i], ...CSRF } })).status, 200);
    await write(bases[i], cookies[i], 'POST', '/zwa/dlp/v1/incidents/search', {});
    const res = await write(bases[i], cookies[i], 'POST', `${ZPA}/segmentGroup`, { name: `audit-${i}`, enabled: true });
    assert.equal(res.status, 201, res.text);
    const requestId = res.headers.get('x-request-id');
    assert.ok(requestId, 'the emulator names its answers');
    expected.push({ method: 'POST', path: `${ZPA}/segmentGroup`, status: 201, requestId, product: 'zpa', staged: false });
    // A write the API refuses is a write too, with its status.
    const gone = await write(bases[i], cookies[i], 'DELETE', `${ZPA}/segmentGroup/999999999${i}`);
    expected.push({ method: 'DELETE', path: `${ZPA}/segmentGroup/999999999${i}`, status: gone.status, requestId: gone.headers.get('x-request-id'), product: 'zpa', staged: false });
  }
  assert.equal((await write(bases[0], cookies[0], 'DELETE', '/zpa/mgmtconfig/v1/admin/customers/other/segmentGroup/1')).status, 403);
  // Every isolate reads the same trail, newest first.
  const all = await Promise.all(bases.map((b, i) => trail(b, cookies[i])));
  for (const t of all) assert.deepEqual(t, all[0]);
  assert.equal(all[0].shared, true);
  const entries = [...all[0].entries].reverse();
  assert.equal(entries.length, expected.length, JSON.stringify(entries, null, 1));
  entries.forEach((e, i) => {
    for (const [k, v] of Object.entries(expected[i])) assert.deepEqual(e[k], v, `${k} of entry ${i}`);
  });
  // Each session's writes carry its own identity, never its cookie.
  const persons = entries.map((e) => e.person);
  assert.equal(new Set(persons).size, 3);
  for (let i = 0; i < 3; i++) {
    assert.match(persons[2 * i], /^session:[0-9a-f]{12}$/);
    assert.equal(persons[2 * i], persons[2 * i + 1]);
    const id = cookies[i].split('=')[1].split('.')[0];
    assert.ok(!JSON.stringify(all[0]).includes(id), 'no session id in the trail');
  }
  // Filters: by person, by product, and a limit.
  const mine = await trail(bases[1], cookies[1], `?person=${encodeURIComponent(persons[2])}`);
  assert.deepEqual(mine.entries.map((e) => e.method), ['DELETE', 'POST']);
  assert.equal((await trail(bases[1], cookies[1], '?product=zia')).entries.length, 0);
  assert.equal((await trail(bases[1], cookies[1], '?limit=2')).entries.length, 2);
  // Same guard as /api: a session and the CSRF header.
  assert.equal((await call(`${bases[0]}/audit`, { headers: CSRF })).status, 401);
  assert.equal((await call(`${bases[0]}/audit`, { headers: { cookie: cookies[0] } })).status, 403);
  assert.equal((await call(`${bases[0]}/audit.csv`, { headers: { cookie: cookies[0] } })).status, 403);
  assert.equal((await call(`${bases[0]}/audit`, { method: 'POST', headers: { cookie: cookies[0], ...CSRF } })).status, 405);
});

test('ZIA writes are marked activated when an activation succeeds', async () => {
  const { bases } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1 });
  const [a, b] = bases;
  const { cookie } = await login(a);
  const made = await write(a, cookie, 'POST', '/zia/api/v1/urlCategories', { configuredName: 'audit-cat', superCategory: 'USER_DEFINED', urls: ['audit.example'] });
  assert.ok(made.status < 300, made.text);
  let t = await trail(b, cookie, '?product=zia');
  assert.equal(t.entries.length, 1);
  assert.equal(t.entries[0].staged, true);
  assert.equal(t.entries[0].activatedAt, null, 'pending until activated');
  const act = await write(b, cookie, 'POST', '/zia/api/v1/status/activate');
  assert.equal(act.status, 200, act.text);
  t = await trail(a, cookie, '?product=zia');
  assert.equal(t.entries.length, 2);
  const [activation, created] = t.entries;
  assert.equal(activation.activation, true);
  assert.equal(activation.path, '/zia/api/v1/status/activate');
  assert.equal(created.activation, false);
  assert.equal(created.activatedAt, activation.at);
});

// The registry names activations by operationId; classify() knows them by
// path. Every write path of a staged product's spec is checked, so a spec
// whose activation moved (or a new write ending in "activate") fails here.
test('exactly the specs\' activation paths are classified as activations', () => {
  for (const p of registry.products.filter((x) => x.staging)) {
    const ops = specWrites(readFileSync(`${root}openapi/${p.spec_prefix}.yaml`, 'utf8'));
    const activations = [p.staging.activate, p.staging.force].filter(Boolean);
    assert.ok(ops.filter((o) => activations.includes(o.id)).length === activations.length, `${p.name}: activation operations found`);
    for (const o of ops) {
      assert.equal(classify(registry.products, `${p.gateway}${o.path}`).activation, activations.includes(o.id), `${p.name} ${o.id} ${o.path}`);
    }
  }
  assert.equal(classify(registry.products, `${ZPA}/x/activate`).activation, false, 'ZPA does not stage');
});

/** `{ id, path }` of each non-GET operation in an OpenAPI YAML file. */
function specWrites(text) {
  const out = [];
  let path;
  let method;
  for (const line of text.split('\n')) {
    let m;
    if ((m = /^ {2}(\/\S*):\s*$/.exec(line))) path = m[1];
    else if ((m = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line))) method = m[1];
    else if ((m = /^ {6}operationId:\s*(\S+)/.exec(line)) && method !== 'get') out.push({ id: m[1], path });
  }
  return out;
}

// workerd evicts an idle object after 10 s; the trail is in its storage.
test('the trail outlives the object\'s eviction, within its bound', async () => {
  const { bases } = await startIsolates(workerEnv(emu, { ...SECRET, AUDIT_MAX_ENTRIES: '4' }), { replicas: 1 });
  const [a, b] = bases;
  const { cookie } = await login(a);
  const ids = [];
  for (let i = 0; i < 6; i++) {
    const res = await write(i % 2 ? b : a, cookie, 'POST', `${ZPA}/segmentGroup`, { name: `bound-${i}`, enabled: true });
    ids.push(res.headers.get('x-request-id'));
  }
  const before = await trail(a, cookie);
  assert.deepEqual(before.entries.map((e) => e.requestId), ids.slice(2).reverse(), 'the newest 4, newest first');
  assert.equal(before.retention.maxEntries, 4);
  await new Promise((r) => setTimeout(r, 12_000));
  const after = await trail(b, cookie);
  assert.deepEqual(after.entries, before.entries);
  // And it keeps recording (and bounding) after the restart.
  const res = await write(a, cookie, 'PUT', `${ZPA}/segmentGroup/1`, { name: 'x' });
  const last = await trail(b, cookie);
  assert.equal(last.entries.length, 4);
  assert.equal(last.entries[0].requestId, res.headers.get('x-request-id'));
  assert.equal(last.entries[0].method, 'PUT');
});

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64u = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
function jwt(claims) {
  const head = `${b64u({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64u(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(keys.privateKey).toString('base64url')}`;
}

test('Access identities name the writer; the CSV export is well-formed and formula-safe', async () => {
  const base = await startWorker(workerEnv(emu, {
    AUTH_MODE: 'access', ACCESS_AUD: 'aud', ACCESS_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }),
  }));
  const as = (email) => ({ 'cf-access-jwt-assertion': jwt({ aud: 'aud', sub: `sub-${email.length}`, email, exp: Math.floor(Date.now() / 1000) + 300 }) });
  const hostile = '=HYPERLINK("http://x","a,b")\n"/><img src=x onerror=alert(1)>';
  const people = ['alice@example.com', hostile, '@SUM(1)', '+1', '-1'];
  for (const email of people) {
    const res = await call(`${base}/api${ZPA}/segmentGroup`, { method: 'POST', headers: { ...as(email), ...CSRF, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'csv', enabled: true }) });
    assert.equal(res.status, 201, res.text);
  }
  const t = await call(`${base}/audit`, { headers: { ...as('alice@example.com'), ...CSRF } });
  assert.deepEqual(t.json().entries.map((e) => e.person), [...people].reverse());
  assert.equal(t.json().shared, true);
  const csv = await call(`${base}/audit.csv`, { headers: { ...as('alice@example.com'), ...CSRF } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /^attachment/);
  assert.equal(csv.headers.get('x-content-type-options'), 'nosniff');
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], ['time', 'person', 'method', 'path', 'product', 'status', 'request_id', 'staged', 'activation', 'activated_at']);
  assert.equal(rows.length, people.length + 1);
  for (const row of rows) assert.equal(row.length, rows[0].length, JSON.stringify(row));
  // Every person comes back whole, and none starts like a formula.
  assert.deepEqual(rows.slice(1).map((r) => r[1]), [...people].reverse().map((p) => (/^[=+\-@]/.test(p) ? `'${p}` : p)));
  for (const row of rows.slice(1)) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, cell);
});

/** A strict RFC 4180 parser: throws on anything malformed. */
function parseCsv(text) {
  assert.ok(text.endsWith('\r\n'));
  const rows = [];
  let row = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, 'unterminated quote');
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const m = /^[^",\r\n]*/.exec(text.slice(i))[0];
      cell = m;
      i += m.length;
    }
    row.push(cell);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else assert.fail(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

test('a retried record with the same id is recorded once; the bound and age hold', async () => {
  const storage = new MemoryStorage();
  const trailStore = new AuditTrail(storage, { maxEntries: 3, maxAgeDays: 1 });
  const entry = (id, at, extra = {}) => ({ id, at, person: 'p', method: 'POST', path: '/zia/api/v1/x', status: 200, requestId: id, product: 'zia', staged: true, activation: false, ...extra });
  const now = Date.now();
  assert.equal(await trailStore.record(entry('a', now - 2 * 86_400_000)), true);
  assert.equal(await trailStore.record(entry('b', now)), true);
  assert.equal(await trailStore.record(entry('b', now)), false, 'the retry');
  assert.deepEqual((await trailStore.list()).map((e) => e.id), ['b'], 'a is past the age bound');
  for (const id of ['c', 'd', 'e']) await trailStore.record(entry(id, now + 1));
  // A new object over the same storage (a restart) sees what was kept.
  const again = new AuditTrail(storage, { maxEntries: 3, maxAgeDays: 1 });
  assert.deepEqual((await again.list()).map((e) => e.id), ['e', 'd', 'c']);
  assert.equal(await again.record(entry('e', now + 1)), false, 'still known after the restart');
  assert.equal(storage.map.size, 3, 'storage holds no more than the bound');
  await again.record(entry('act', now + 2, { path: '/zia/api/v1/status/activate', activation: true }));
  assert.ok((await again.list()).every((e) => e.activatedAt === now + 2));
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('a"b'), '"a""b"');
  assert.ok(toCsv([]).startsWith('time,person,'));
});

test('the read-only role may read the trail, and its refused writes are not in it', async () => {
  const base = await startWorker(workerEnv(emu, { READ_ONLY: 'true' }));
  const { cookie } = await login(base);
  assert.equal((await write(base, cookie, 'POST', `${ZPA}/segmentGroup`, { name: 'ro', enabled: true })).status, 403);
  const t = await trail(base, cookie);
  assert.deepEqual(t.entries, []);
  assert.equal((await call(`${base}/audit.csv`, { headers: { cookie, ...CSRF } })).status, 200);
});

test('without the binding each isolate keeps its own ring buffer and says so', async () => {
  const { bases, log } = await startIsolates(workerEnv(emu, SECRET), { replicas: 1, tenant: false });
  const [a, b] = bases;
  const { cookie } = await login(a);
  assert.equal((await write(a, cookie, 'POST', `${ZPA}/segmentGroup`, { name: 'local', enabled: true })).status, 201);
  const ta = await trail(a, cookie);
  assert.equal(ta.shared, false);
  assert.equal(ta.entries.length, 1);
  assert.equal((await trail(b, cookie)).entries.length, 0, 'the other isolate never saw the write');
  await new Promise((r) => setTimeout(r, 200)); // let workerd flush its log
  assert.match(log(), /TENANT binding absent: state is per isolate \(.*audit trail\)/);
});

leakCheck(emuReady);

test('a restart mid-run loses no audited write and costs exactly one new mint', async () => {
  const { bases, restart } = await startIsolates(workerEnv(emu, SECRET), { replicas: 2 });
  const stats = async () => (await fetch(`${emu.url}/_emulator/stats`)).json();
  const { cookie } = await login(bases[0]);
  const writeEach = (tag) => Promise.all(bases.map((base, i) =>
    write(base, cookie, 'POST', `${ZPA}/segmentGroup`, { name: `${tag}-${i}`, enabled: true })));
  const before = await writeEach('before');
  for (const res of before) assert.ok(res.status < 300, `${res.status} ${res.text}`);
  const mints = (await stats()).token_requests;
  // Every isolate and the object go; the object's storage stays.
  await restart();
  const after = await writeEach('after');
  for (const res of after) assert.ok(res.status < 300, `${res.status} ${res.text}`);
  await Promise.all(bases.flatMap((base) => [0, 1, 2].map(async () => {
    const res = await call(`${base}/api${ZPA}/segmentGroup?page=1&pagesize=1`, { headers: { cookie, ...CSRF } });
    assert.equal(res.status, 200, res.text);
  })));
  assert.equal((await stats()).token_requests, mints + 1, 'one mint for all isolates after the restart');
  const ids = [...before, ...after].map((res) => res.headers.get('x-request-id'));
  const entries = (await trail(bases[2], cookie)).entries.filter((e) => ids.includes(e.requestId));
  assert.deepEqual(entries.map((e) => e.requestId).sort(), [...ids].sort(), 'each write once, none lost');
});
