// The JS API's call-level features inside real workerd, against the
// emulator: call options as a method's second argument, the `fetch` client
// option, `client.request`, and the normalised error fields. The worker
// (tests/workerd/api-worker.mjs) reports what happened; each test judges
// it against the emulator's own counts or the same call made in Node.
// Node's own tests of these: call-options, options and request.test.mjs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { emulatorUrl, ZscalerClient, emulatorOptions } from './harness.mjs';
import { CUSTOMER_ID } from '../support/emulator.mjs';
import { gateway } from '../support/registry.mjs';
import { pkgModules, startTestWorker } from '../support/workerd.mjs';

const USERS = `${gateway('zia')}/api/v1/users`;
// Long enough that finishing before it proves the call did not wait.
const DELAY_MS = 4_000;
let dir;
let proc;
let base;

before(async () => {
  dir = mkdtempSync(`${tmpdir()}/zscaler-workerd-api-`);
  ({ proc, base } = await startTestWorker(`${dir}/config.capnp`, pkgModules(undefined, 'api-worker.mjs'), emulatorUrl()));
});
after(() => {
  proc?.kill();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => control('faults', 'DELETE'));

async function control(route, method, body) {
  const res = await fetch(`${emulatorUrl()}/_emulator/${route}`, {
    method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${route}: ${res.status} ${text}`);
  return res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
}

/** Queues an emulator fault for the next `count` GETs of `path`. */
const fault = (rule) => control('faults', 'POST', { method: 'GET', path_prefix: USERS, count: 1, ...rule });

async function workerCase(name, query = {}) {
  const res = await fetch(`${base}/api/${name}?${new URLSearchParams(query)}`);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

const apiCalls = (seen) => seen.filter((s) => s.path.startsWith(USERS));

/** A failure's typed fields, as api-worker.mjs reports them. */
const fields = (err) => ({
  name: err.name, code: err.code, status: err.status, productCode: err.productCode,
  method: err.method, url: err.url, body: err.body,
});

test('an abort rejects with AbortError ABORTED, the signal\'s reason as cause, and aborts the fetch', async () => {
  await fault({ delay_ms: DELAY_MS });
  const reason = `left-${randomUUID()}`;
  const r = await workerCase('abort', { after: 100, reason });
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.error.name, 'AbortError');
  assert.equal(r.error.code, 'ABORTED');
  assert.equal(r.error.isError, true);
  assert.equal(r.error.cause, reason);
  assert.ok(r.ms < DELAY_MS, `rejected after ${r.ms} ms, not when the answer came`);
  const calls = apiCalls(r.seen);
  assert.equal(calls.length, 1, JSON.stringify(r.seen));
  assert.equal(calls[0].aborted, true, 'the request\'s own signal fired');
});

test('an already aborted signal sends nothing', async () => {
  const r = await workerCase('preAborted');
  assert.equal(r.ok, false);
  assert.equal(r.error.name, 'AbortError');
  assert.equal(r.error.code, 'ABORTED');
  assert.deepEqual(r.seen, [], 'not even the token call');
});

test('timeoutMs for one call is a TimeoutError, as in Node', async () => {
  await fault({ delay_ms: DELAY_MS });
  const r = await workerCase('timeout', { ms: 100 });
  assert.equal(r.ok, false);
  assert.equal(r.error.name, 'TimeoutError');
  assert.ok(r.ms < DELAY_MS, `gave up after ${r.ms} ms`);
  assert.equal(apiCalls(r.seen).length, 1);
  await fault({ delay_ms: DELAY_MS });
  const node = await new ZscalerClient(emulatorOptions({ maxAttempts: 1 })).zia.listUsers({}, { timeoutMs: 100 }).catch((e) => e);
  assert.deepEqual(fields(r.error), fields(node));
});

test('maxAttempts and headers apply to the one call; the next call has the client\'s again', async () => {
  // One 503 for the single-attempt call, then two the client's own three
  // attempts get through.
  await fault({ status: 503, count: 3 });
  const r = await workerCase('overrides');
  assert.equal(r.once.ok, false);
  assert.equal(r.once.error.status, 503);
  const once = apiCalls(r.onceSeen);
  assert.equal(once.length, 1, 'one attempt');
  assert.equal(once[0].headers['x-team'], 'call', 'the call\'s value replaces the client\'s');
  assert.equal(r.again.ok, true, JSON.stringify(r.again));
  assert.equal(r.again.value, 1);
  const again = apiCalls(r.againSeen);
  assert.equal(again.length, 3, 'the client\'s three attempts');
  assert.deepEqual(again.map((c) => c.headers['x-team']), ['client', 'client', 'client']);
});

test('withResponse resolves to the data with status and headers', async () => {
  const r = await workerCase('withResponse');
  assert.equal(r.status, 200);
  assert.match(r.contentType, /json/);
  assert.deepEqual(r.data, await new ZscalerClient(emulatorOptions()).zia.listUsers({ pageSize: 2 }));
});

test('the fetch option carries the token call and every API call', async () => {
  await control('stats', 'DELETE');
  const r = await workerCase('fetchOption');
  const stats = await control('stats', 'GET');
  assert.equal(r.seen[0].method, 'POST');
  assert.equal(r.seen[0].path, new URL(emulatorOptions().tokenUrl).pathname, 'the token first');
  const tokens = r.seen.filter((s) => s.path === r.seen[0].path).length;
  const calls = apiCalls(r.seen);
  assert.ok(calls.length > 0 && calls.every((c) => c.method === 'GET'));
  assert.equal(tokens + calls.length, r.seen.length, 'nothing else went out');
  // Everything the emulator was sent went through the option.
  assert.equal(stats.token_requests, tokens);
  assert.equal(stats.api_requests, calls.length);
  assert.equal(r.count, (await new ZscalerClient(emulatorOptions()).zia.listUsers({ pageSize: 1000 })).length);
});

test('client.request fills placeholders and query and answers what the typed method answers', async () => {
  const route = `GET ${gateway('zpa')}/mgmtconfig/v1/admin/customers/{customerId}/application`;
  const r = await workerCase('request', { route, params: JSON.stringify({ customerId: CUSTOMER_ID, page: 1, pagesize: 5 }) });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.value.status, 200);
  const typed = await new ZscalerClient(emulatorOptions()).zpa.listApplicationSegments({ page: 1, pagesize: 5 });
  assert.deepEqual(r.value.data, typed);
  assert.equal(r.value.data.list.length, 5);
});

test('a fetch that throws is the cause of a TransportError naming its request', async () => {
  const reason = `down-${randomUUID()}`;
  const r = await workerCase('throwingFetch', { reason });
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.error.name, 'TransportError');
  assert.equal(r.error.cause, reason);
  assert.equal(r.error.causeIsThrown, true, 'the very object thrown');
  assert.equal(r.error.operation, 'listUsers');
  assert.equal(r.error.method, 'GET');
  assert.equal(r.error.url, `${emulatorUrl()}${USERS}?search=x%20y`);
});

test('bad options and arguments are typed errors in workerd too, and nothing is sent', async () => {
  const r = await workerCase('badInput');
  assert.deepEqual(r.seen, []);
  assert.equal(r.out.misspeltFunction.name, 'ConfigError');
  assert.match(r.out.misspeltFunction.message, /onlog/);
  assert.match(r.out.notAFunction.message, /onLog must be a function/);
  assert.equal(r.out.secondArgument.name, 'InvalidArgumentError');
  assert.match(r.out.secondArgument.message, /call-options object/);
  assert.match(r.out.unknownCallOption.message, /unknown call option "retries"/);
});

test('a paced wait is an onLog event in workerd, saying how long and why', async () => {
  const { events } = await workerCase('waits');
  const waits = events.filter((e) => e.phase === 'wait');
  assert.equal(waits.length, 1, JSON.stringify(events));
  assert.equal(waits[0].operation, 'listUsers');
  assert.ok(waits[0].waitMs > 0 && waits[0].waitMs <= 1000, String(waits[0].waitMs));
  assert.match(waits[0].message, /^pacing: ZIA GET allows 2 calls per 1 s$/);
});

test('a 404 is NOT_FOUND with the product\'s own productCode, as in Node', async () => {
  const node = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  const cases = [
    [`GET ${gateway('zpa')}/mgmtconfig/v1/admin/customers/{customerId}/application/{id}`, { customerId: CUSTOMER_ID, id: '1' },
      () => node.zpa.getApplicationSegment({ applicationId: '1' })],
    [`GET ${gateway('zia')}/api/v1/departments/{id}`, { id: 987654321 },
      () => node.request(`GET ${gateway('zia')}/api/v1/departments/{id}`, { id: 987654321 })],
  ];
  const codes = new Set();
  for (const [route, params, inNode] of cases) {
    const r = await workerCase('request', { route, params: JSON.stringify(params) });
    assert.equal(r.ok, false, route);
    assert.equal(r.error.name, 'ZscalerApiError');
    assert.equal(r.error.code, 'NOT_FOUND');
    assert.equal(r.error.status, 404);
    assert.equal(typeof r.error.productCode, 'string');
    assert.ok(r.error.productCode.length > 0, route);
    assert.deepEqual(fields(r.error), fields(await inNode().catch((e) => e)), route);
    assert.equal(r.error.operation, 'request');
    assert.ok(r.error.body.includes(r.error.productCode), r.error.body);
    codes.add(r.error.productCode);
  }
  // productCode is the product's own word, not a copy of code.
  assert.ok(![...codes].includes('NOT_FOUND'), [...codes].join(', '));
});
