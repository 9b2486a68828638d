// client.request: a route the specs may lack, through the same auth,
// retries and error typing as every generated method.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient, emulatorOptions, emulatorUrl, resetEmulator } from './harness.mjs';

before(resetEmulator);

test('a GET with query parameters answers what the typed method answers', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const raw = await client.request('GET /zia/api/v1/users', { pageSize: 3, page: 1 });
  const typed = await client.zia.listUsers({ pageSize: 3, page: 1 });
  assert.deepEqual(raw, typed);
  assert.equal(raw.length, 3);
});

test('placeholders fill from params, body is the JSON body, and the answer can carry metadata', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const created = await client.request('POST /zia/api/v1/departments', { body: { name: 'Raw route dept' } });
  assert.equal(created.name, 'Raw route dept');
  const read = await client.request('GET /zia/api/v1/departments/{id}', { id: created.id }, { withResponse: true });
  assert.equal(read.status, 200);
  assert.equal(read.data.id, created.id);
  assert.equal(typeof read.headers['content-type'], 'string');
  await client.request('DELETE /zia/api/v1/departments/{id}', { id: created.id });
  const gone = await client.request('GET /zia/api/v1/departments/{id}', { id: created.id }, { maxAttempts: 1 }).catch((e) => e);
  assert.equal(gone.name, 'ZscalerApiError');
  assert.equal(gone.code, 'NOT_FOUND');
  assert.equal(gone.status, 404);
});

test('a 503 is retried as for a generated method', async () => {
  await fetch(`${emulatorUrl()}/_emulator/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'GET', path_prefix: '/zia/api/v1/groups', status: 503, count: 1 }),
  });
  const client = new ZscalerClient(emulatorOptions({ retryBaseDelayMs: 1, retryMaxDelayMs: 2 }));
  const groups = await client.request('GET /zia/api/v1/groups');
  assert.ok(Array.isArray(groups) && groups.length > 0);
});

test('bad routes and params are typed errors, nothing sent', async () => {
  const client = new ZscalerClient(emulatorOptions());
  for (const [route, params, message] of [
    [42, {}, /route must be a string/],
    ['/zia/api/v1/users', {}, /METHOD \/product\/path/],
    ['GET /elsewhere/v1/x', {}, /must start with a product prefix \(\/zpa, \/zia/],
    ['GET /zia/api/v1/users?page=1', {}, /plain path/],
    ['GET /zia/api/v1/users/{userId}', {}, /no value for path parameter \{userId\}/],
    ['GET /zia/api/v1/users', 'x', /arguments should be an object/],
  ]) {
    const err = await client.request(route, params).catch((e) => e);
    assert.equal(err.name, 'InvalidArgumentError', `${route}: ${err}`);
    assert.match(err.message, message);
  }
});
