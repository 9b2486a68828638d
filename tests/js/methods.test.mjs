// The operation methods are defined at run time from a generated name list
// (src/js/methods.rs); the .d.ts declares them. These tests hold the two to
// each other and check the dispatcher's edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ZscalerClient, emulatorOptions, root_dir } from './harness.mjs';

const dts = readFileSync(`${root_dir}pkg/zscaler_wasm.d.ts`, 'utf8');

/** Method names an `export interface NAME { ... }` block of the .d.ts declares. */
function declared(name) {
  const block = dts.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`));
  assert.ok(block, `the .d.ts declares interface ${name}`);
  return block[1].split('\n').map((l) => l.match(/^ {4}([A-Za-z0-9_]+)[<(]/)?.[1]).filter(Boolean);
}

/** Method names of an object's class and the operations object linked
 * under it, less wasm-bindgen's plumbing. */
function defined(object) {
  const plumbing = new Set(['constructor', 'free', '__destroy_into_raw', '__op']);
  const cls = Object.getPrototypeOf(object);
  return [...Object.getOwnPropertyNames(cls), ...Object.getOwnPropertyNames(Object.getPrototypeOf(cls))]
    .filter((n) => !plumbing.has(n));
}

for (const [product, cls, handwritten] of [
  ['zpa', 'ZpaApi', []],
  ['zia', 'ZiaApi', ['lookupUrls', 'pendingChanges']],
  ['zidentity', 'ZidentityApi', []],
]) {
  test(`client.${product} has exactly the methods ${cls} declares`, () => {
    const api = new ZscalerClient(emulatorOptions())[product];
    const want = declared(cls);
    assert.ok(want.length >= 40, `${cls}: ${want.length} methods declared`);
    assert.deepEqual(defined(api).sort(), [...want, ...handwritten].sort());
    for (const name of want) {
      assert.equal(typeof api[name], 'function', name);
      assert.equal(api[name].name, name, 'stack traces name the operation');
      assert.ok(!Object.hasOwn(api, name), 'shared, not copied per object');
    }
    assert.ok(api instanceof (Object.getPrototypeOf(api).constructor));
    assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(api))), Object.prototype);
  });
}

test('each method runs its own operation, on every client', async () => {
  const a = new ZscalerClient(emulatorOptions());
  const b = new ZscalerClient(emulatorOptions());
  const segments = await a.zpa.listApplicationSegments({ pagesize: 2 });
  const groups = await b.zpa.listSegmentGroups({ pagesize: 2 });
  assert.equal(segments.list.length, 2);
  assert.notDeepEqual(segments.list.map((s) => s.id), groups.list.map((g) => g.id));
  const one = await b.zpa.getApplicationSegment({ applicationId: segments.list[0].id });
  assert.equal(one.id, segments.list[0].id);
  let n = 0;
  for await (const user of a.zidentity.iterUsers({ limit: 5 })) n += user.id ? 1 : 0;
  assert.ok(n > 5, `walked ${n} users in pages of 5`);
});

test('a detached method, a foreign `this` and a bad index throw errors, not a wasm trap', async () => {
  const api = new ZscalerClient(emulatorOptions()).zpa;
  const { listApplicationSegments } = api;
  assert.throws(() => listApplicationSegments({}), (e) => e instanceof TypeError);
  assert.throws(() => api.__op.call({}, 0, undefined));
  assert.throws(() => api.__op(1e9, undefined), (e) => e.name === 'InvalidArgumentError' && /no operation number/.test(e.message));
  // The object still works afterwards.
  assert.equal((await api.listApplicationSegments({ pagesize: 1 })).list.length, 1);
});
