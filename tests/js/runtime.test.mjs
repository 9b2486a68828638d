// Runtime behaviour through the JS API: async iteration, data-safe patches,
// ZIA staging, URL lookup batching, pacing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient, emulatorOptions, resetEmulator } from './harness.mjs';

test('iterApplicationSegments is an async iterable over every item, in order', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const all = await client.zpa.listAllApplicationSegments({ pagesize: 20 });
  const seen = [];
  for await (const seg of client.zpa.iterApplicationSegments({ pagesize: 7 })) seen.push(seg.id);
  assert.deepEqual(seen, all.map((s) => s.id));
});

test('breaking out of the iteration stops it cleanly', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const it = client.zpa.iterApplicationSegments({ pagesize: 5 });
  let n = 0;
  for await (const _ of it) if (++n === 3) break;
  assert.equal(n, 3);
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

test('iterator errors reject next() with a typed error', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const it = client.zpa.iterApplicationSegments({ pagesize: 501 });
  await assert.rejects(it.next(), { name: 'InvalidArgumentError' });
});

test('patch changes only the named fields', async () => {
  await resetEmulator();
  const client = new ZscalerClient(emulatorOptions());
  const [seg] = (await client.zpa.listApplicationSegments({ pagesize: 1 })).list;
  const stored = await client.zpa.patchApplicationSegment({ applicationId: seg.id, patch: { description: 'patched' } });
  assert.equal(stored.description, 'patched');
  const after = await client.zpa.getApplicationSegment({ applicationId: seg.id });
  assert.equal(after.description, 'patched');
  assert.deepEqual(after.domainNames, seg.domainNames, 'fields the patch left out survive the full PUT');
  assert.equal(after.segmentGroupId, seg.segmentGroupId);
  await assert.rejects(client.zpa.patchApplicationSegment({ applicationId: seg.id, patch: [1] }), { name: 'InvalidArgumentError' });
});

test('ZIA writes set pendingChanges until activation', async () => {
  await resetEmulator();
  const client = new ZscalerClient(emulatorOptions());
  assert.equal(client.zia.pendingChanges, false);
  const [user] = await client.zia.listUsers({ pageSize: 1 });
  await client.zia.patchUser({ userId: user.id, patch: { comments: 'staged' } });
  assert.equal(client.zia.pendingChanges, true);
  assert.equal((await client.zia.getActivationStatus()).status, 'PENDING');
  await client.zia.activate();
  assert.equal(client.zia.pendingChanges, false);
});

test('lookupUrls batches by 100 and refuses over-long URLs before sending', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const urls = Array.from({ length: 250 }, (_, i) => `site${i}.example.com`);
  const out = await client.zia.lookupUrls(urls);
  assert.equal(out.length, 250);
  assert.deepEqual(out.map((r) => r.url), urls);
  await assert.rejects(client.zia.lookupUrls(['ok.com', `${'a'.repeat(1025)}.com`]), { name: 'InvalidArgumentError' });
});

test('a URL lookup is a read: pendingChanges stays false, and a user update then sets it', async () => {
  await resetEmulator();
  const client = new ZscalerClient(emulatorOptions());
  await client.zia.lookupUrls(['example.com', 'news.example.org']);
  await client.zia.urlLookup({ body: ['example.com'] });
  assert.equal(client.zia.pendingChanges, false, 'POST /urlLookup changes nothing');
  assert.equal((await client.zia.getActivationStatus()).status, 'ACTIVE', 'and the tenant agrees');
  const [user] = await client.zia.listUsers({ pageSize: 1 });
  await client.zia.updateUser({ userId: user.id, body: { ...user, comments: 'updated' } });
  assert.equal(client.zia.pendingChanges, true);
  await client.zia.activate();
});

test('pacing spaces ZIA GETs to two per second', async () => {
  const client = new ZscalerClient(emulatorOptions({ pacing: true }));
  const start = Date.now();
  for (let i = 0; i < 5; i++) await client.zia.listGroups();
  const elapsed = Date.now() - start;
  assert.ok(elapsed >= 1900, `5 GETs took ${elapsed} ms; the limit allows 2 per second`);
});
