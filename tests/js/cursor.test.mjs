// ZIA and ZIdentity lists walked to the end through the JS API: every item
// once, in order, whatever the page size, with errors instead of short lists.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient, emulatorOptions, emulatorUrl, resetEmulator } from './harness.mjs';

before(resetEmulator);

async function stats() {
  return (await fetch(`${emulatorUrl()}/_emulator/stats`)).json();
}

test('ZIA listAllUsers and iterUsers see every user once at any page size', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const truth = (await client.zia.listUsers({ pageSize: 1000 })).map((u) => u.id);
  assert.ok(truth.length > 10, 'the seed has users to walk');
  // 5 divides the seed's count exactly: the walk must still stop.
  for (const pageSize of [3, 5, 7, truth.length, 1000]) {
    const all = await client.zia.listAllUsers({ pageSize });
    assert.deepEqual(all.map((u) => u.id), truth, `pageSize ${pageSize}`);
  }
  const seen = [];
  for await (const user of client.zia.iterUsers({ pageSize: 4 })) seen.push(user.id);
  assert.deepEqual(seen, truth);
});

test('ZIA walks honour a start page without duplicates', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const truth = (await client.zia.listUsers({ pageSize: 1000 })).map((u) => u.id);
  const rest = await client.zia.listAllUsers({ page: 2, pageSize: 5 });
  assert.deepEqual(rest.map((u) => u.id), truth.slice(5));
});

test('ZIdentity listAllUsers follows next_link to the last record', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const first = await client.zidentity.listUsers({ offset: 0, limit: 1000 });
  const truth = first.records.map((u) => u.id);
  for (const limit of [2, 5, 1000]) {
    const all = await client.zidentity.listAllUsers({ limit });
    assert.deepEqual(all.map((u) => u.id), truth, `limit ${limit}`);
  }
  const seen = [];
  for await (const g of client.zidentity.iterGroups({ limit: 2 })) seen.push(g.id);
  const groups = await client.zidentity.listGroups({ limit: 1000 });
  assert.deepEqual(seen, groups.records.map((g) => g.id));
});

test('a page size the server would shrink is refused before anything is sent', async () => {
  const client = new ZscalerClient(emulatorOptions());
  await client.zia.listUsers({ pageSize: 1 }); // token and warm-up
  const before = (await stats()).api_requests;
  await assert.rejects(client.zia.listAllUsers({ pageSize: 5000 }), { name: 'InvalidArgumentError' });
  await assert.rejects(client.zidentity.listAllUsers({ limit: 0 }), { name: 'InvalidArgumentError' });
  await assert.rejects(client.zia.listAllUsers({ pageSize: 'many' }), { name: 'InvalidArgumentError' });
  assert.equal((await stats()).api_requests, before);
});

test('a failing page fails the walk instead of ending it early', async () => {
  const client = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  await client.zia.listUsers({ pageSize: 1 });
  // Rules apply in order: the first two pages pass (a delay-only rule),
  // the third answers 500.
  for (const fault of [
    { method: 'GET', path_prefix: '/zia/api/v1/users', delay_ms: 1, count: 2 },
    { method: 'GET', path_prefix: '/zia/api/v1/users', status: 500, count: 1 },
  ]) {
    const res = await fetch(`${emulatorUrl()}/_emulator/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault),
    });
    assert.ok(res.ok, await res.text());
  }
  await assert.rejects(client.zia.listAllUsers({ pageSize: 5 }), (e) => e.status === 500);
  await fetch(`${emulatorUrl()}/_emulator/faults`, { method: 'DELETE' });
});
