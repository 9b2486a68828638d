// The JS API in Node, against the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { ZscalerClient, emulatorOptions, emulatorUrl } from './harness.mjs';

const HOSTILE = '"/><img src=x onerror=alert(1)>';

test('lists application segments as plain objects with wire field names', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const page = await client.zpa.listApplicationSegments({ page: 1, pagesize: 20 });
  assert.equal(typeof page.totalPages, 'string', 'ZPA counts stay strings, as on the wire');
  assert.equal(page.list.length, 20);
  assert.equal(typeof page.list[0].segmentGroupId, 'string');
  assert.ok(Object.getPrototypeOf(page) === Object.prototype);
});

test('listAll walks every page once, in order', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const first = await client.zpa.listApplicationSegments({ pagesize: 20 });
  const all = await client.zpa.listAllApplicationSegments({ pagesize: 20 });
  assert.equal(all.length, Number(first.totalCount));
  assert.equal(new Set(all.map((a) => a.id)).size, all.length);
  assert.deepEqual(all.slice(0, 20).map((a) => a.id), first.list.map((a) => a.id));
});

test('hostile strings from the tenant arrive byte for byte', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const all = await client.zpa.listAllApplicationSegments();
  const text = JSON.stringify(all);
  assert.ok(text.includes(JSON.stringify(HOSTILE).slice(1, -1)), 'the seed holds the hostile string');
});

test('search uses ZPA syntax', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const all = await client.zpa.listAllApplicationSegments();
  const name = all[3].name;
  const found = await client.zpa.listApplicationSegments({ search: `name EQ ${name}` });
  assert.deepEqual(found.list.map((a) => a.name), [name]);
});

test('ZIA and ZIdentity shapes', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const users = await client.zia.listUsers({ pageSize: 5 });
  assert.ok(Array.isArray(users));
  assert.equal(users.length, 5);
  assert.equal(typeof users[0].id, 'number');
  const zid = await client.zidentity.listUsers({ limit: 5 });
  assert.equal(zid.records.length, 5);
  assert.ok(zid.next_link.startsWith(emulatorUrl()), 'links point at the emulator itself');
});

test('errors are real Error objects with name, code and status', async () => {
  const client = new ZscalerClient(emulatorOptions());
  await assert.rejects(client.zpa.getApplicationSegment({ applicationId: '1' }), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'ZscalerApiError');
    assert.equal(err.status, 404);
    assert.equal(typeof err.code, 'string');
    return true;
  });
});

test('a refused secret is an AuthError that does not echo the secret', async () => {
  const canary = 'canary-secret-7d1e93';
  const client = new ZscalerClient(emulatorOptions({ clientSecret: canary }));
  await assert.rejects(client.zia.listUsers(), (err) => {
    assert.equal(err.name, 'AuthError');
    assert.equal(err.code, 'AUTH_FAILED');
    assert.equal(err.status, 401);
    assert.ok(!JSON.stringify({ ...err, m: err.message, s: err.stack }).includes(canary));
    return true;
  });
});

test('bad options throw ConfigError synchronously', () => {
  assert.throws(() => new ZscalerClient({ clientId: 'x' }), (err) => err.name === 'ConfigError' && err.code === 'CONFIG');
  assert.throws(() => new ZscalerClient({ ...emulatorOptions(), customerId: 216196257331281920 }), { name: 'ConfigError' });
  assert.throws(() => new ZscalerClient({ ...emulatorOptions(), unknownOption: 1 }), { name: 'ConfigError' });
  assert.throws(() => new ZscalerClient({ ...emulatorOptions(), timeoutMs: 2.5 }), /timeoutMs must be a whole number/);
  assert.throws(() => new ZscalerClient({ ...emulatorOptions(), clientSecret: 31337 }), (err) => err.name === 'ConfigError' && !err.message.includes('31337'));
  // null is "not set", as in the TypeScript declaration's optional fields.
  assert.ok(new ZscalerClient({ ...emulatorOptions(), cloud: null, headers: null }));
});

test('forward reads its request strictly and takes headers as a record or as pairs', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const path = '/zia/api/v1/users';
  for (const [bad, why] of [
    [{ path }, /method is required/],
    [{ method: 'GET', path, extra: 1 }, /unknown field "extra"/],
    [{ method: 'GET', path, headers: [['accept']] }, /headers must be/],
    [{ method: 'GET', path, headers: { accept: 1 } }, /header "accept" must be a string/],
    [{ method: 'GET', path: 5 }, /path must be a string/],
  ]) {
    await assert.rejects(client.forward(bad), (err) => err.name === 'InvalidArgumentError' && why.test(err.message));
  }
  for (const headers of [[['accept', 'application/json']], { accept: 'application/json' }, undefined]) {
    const answer = await client.forward({ method: 'GET', path, query: 'pageSize=2', headers, body: null });
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).length, 2);
  }
});

test('bad arguments are rejected before anything is sent', async () => {
  const client = new ZscalerClient(emulatorOptions());
  await assert.rejects(client.zpa.listApplicationSegments({ pagesise: 10 }), { name: 'InvalidArgumentError' });
  await assert.rejects(client.zpa.getApplicationSegment({}), { name: 'InvalidArgumentError' });
  await assert.rejects(client.zpa.getApplicationSegment({ applicationId: '' }), { name: 'InvalidArgumentError' });
  await assert.rejects(client.zpa.listApplicationSegments({ page: 'two' }), { name: 'InvalidArgumentError' });
});

test('create, update and delete a segment group', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const created = await client.zpa.createSegmentGroup({ body: { name: 'js-test-group', enabled: true } });
  assert.match(created.id, /^\d+$/);
  await client.zpa.updateSegmentGroup({ segmentGroupId: created.id, body: { ...created, description: 'changed' } });
  const got = await client.zpa.getSegmentGroup({ segmentGroupId: created.id });
  assert.equal(got.description, 'changed');
  assert.equal(await client.zpa.deleteSegmentGroup({ segmentGroupId: created.id }), undefined);
  await assert.rejects(client.zpa.getSegmentGroup({ segmentGroupId: created.id }), { status: 404 });
});

test('a timeout is a TimeoutError and the client stays usable', async () => {
  // A loopback server that accepts connections and never answers.
  const sockets = [];
  const silent = net.createServer((s) => sockets.push(s));
  await new Promise((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address();
  try {
    const client = new ZscalerClient(emulatorOptions({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 }));
    await assert.rejects(client.zia.listUsers(), { name: 'TimeoutError', code: 'TIMEOUT' });
    const ok = new ZscalerClient(emulatorOptions());
    assert.ok((await ok.zia.listGroups()).length > 0);
  } finally {
    sockets.forEach((s) => s.destroy());
    silent.close();
  }
});

test('a refused connection is a TransportError that says why, not only "fetch failed"', async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = net.createServer();
  await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address();
  await new Promise((r) => probe.close(r));
  const client = new ZscalerClient(emulatorOptions({ baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 1 }));
  await assert.rejects(client.zia.listUsers(), (e) => {
    assert.equal(e.name, 'TransportError');
    assert.match(e.message, /fetch failed: .*ECONNREFUSED/);
    assert.ok(!e.message.includes('emulator-secret'));
    return true;
  });
});
