// The rate budget's windows and queue (worker/src/tenant-budget.mjs) with a
// fake clock: no workerd, no emulator. The limits are the registry's own,
// read the same way the worker reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bucketsFor, Gate, limitsFrom, RateBudget } from '../../worker/src/tenant-budget.mjs';

const REGISTRY = JSON.parse(readFileSync(new URL('../../products.json', import.meta.url), 'utf8'));
const LIMITS = limitsFrom(REGISTRY.products);
const limitOf = (product, method) => {
  const [b] = bucketsFor(LIMITS, product, method).slice(-1);
  return b;
};

test('the windows are the registry\'s: one per entry, the method\'s or else `*`', () => {
  const zpaGet = limitOf('zpa', 'GET');
  assert.deepEqual([zpaGet.max, zpaGet.windowMs], [20, 10_000]);
  const ziaPost = limitOf('zia', 'POST');
  assert.deepEqual([ziaPost.max, ziaPost.windowMs], [1, 1_000]);
  assert.equal(limitOf('zia', 'PUT').key, ziaPost.key, 'writes other than DELETE share the `*` window');
  assert.notEqual(limitOf('zia', 'DELETE').key, ziaPost.key);
  assert.equal(limitOf('zia', 'DELETE').windowMs, 60_000);
  assert.deepEqual(bucketsFor(LIMITS, 'zidentity', 'GET'), [], 'no documented limit, no window');
  const download = bucketsFor(LIMITS, 'zcc', 'GET', 'downloadDevices');
  assert.deepEqual(download.map((b) => b.max), [3, 100], 'the quota, then the product limit');
});

/** Asks and pumps at `now`; returns what was granted or refused. */
function at(budget, now, ...asks) {
  const ids = asks.map(([p, m, maxWait = 60_000]) => budget.ask(p, m, undefined, now, maxWait));
  return { ids, ...budget.pump(now) };
}

test('a window counts each slot from its release and slides', () => {
  const b = new RateBudget(LIMITS);
  const first = at(b, 0, ['zia', 'POST'], ['zia', 'POST']);
  assert.deepEqual(first.granted, [first.ids[0].id], 'one ZIA write per second');
  b.release(first.ids[0].id, 300); // its answer came back at 300 ms
  assert.deepEqual(b.pump(1_000).granted, [], 'a second after the grant is not enough');
  assert.equal(b.pump(1_000).nextAt, 1_300, 'the next pump is due when the slot leaves');
  assert.deepEqual(b.pump(1_300).granted, [first.ids[1].id]);
  // Other windows are not held up by a full one.
  assert.equal(at(b, 1_300, ['zia', 'GET']).granted.length, 1);
});

test('a lease never released lapses', () => {
  const b = new RateBudget(LIMITS, { leaseTtlMs: 5_000 });
  const { ids } = at(b, 0, ['zia', 'POST'], ['zia', 'POST']);
  assert.deepEqual(b.pump(4_000).granted, []);
  assert.deepEqual(b.pump(6_000).granted, [ids[1].id], 'lapsed at 5 s, out of the window at 6 s');
  assert.deepEqual([...b.leases.keys()], [ids[1].id], 'the lapsed lease is forgotten');
});

test('waiters are served in arrival order, a later one never overtakes', () => {
  const b = new RateBudget(LIMITS);
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(b.ask('zia', 'POST', undefined, i, 60_000).id);
  const order = [];
  let now = 10;
  while (order.length < 5) {
    const { granted } = b.pump(now);
    order.push(...granted);
    for (const id of granted) b.release(id, now + 50);
    now += 100;
  }
  assert.deepEqual(order, ids);
});

test('a wait past the limit is refused at once, with the estimated wait', () => {
  const b = new RateBudget(LIMITS);
  const del = at(b, 0, ['zia', 'DELETE', 10_000]);
  assert.equal(del.granted.length, 1);
  b.release(del.ids[0].id, 200);
  const again = b.ask('zia', 'DELETE', undefined, 1_000, 10_000);
  assert.equal(again.retryAfterMs, 59_200, 'a minute after the first one\'s answer');
  assert.equal(b.queue.length, 0, 'nothing is queued for it');
  // Writes queue behind each other: with 2.5 s allowed the fourth is out.
  const writes = [0, 1, 2, 3].map(() => b.ask('zia', 'POST', undefined, 2_000, 2_500));
  assert.deepEqual(writes.map((w) => w.retryAfterMs === undefined), [true, true, true, false]);
  assert.equal(writes[3].retryAfterMs, 3_000);
});

test('a waiter still waiting at its deadline is refused then', () => {
  const b = new RateBudget(LIMITS);
  const { ids } = at(b, 0, ['zia', 'POST'], ['zia', 'POST', 2_000]);
  // The first call hangs: the estimate took it to end at once, but it did not.
  const { granted, refused } = b.pump(2_000);
  assert.deepEqual(granted, []);
  assert.deepEqual(refused.map((r) => r.id), [ids[1].id]);
  assert.ok(refused[0].retryAfterMs >= 1);
  assert.equal(b.queue.length, 0);
});

test('the gate resolves leases with timers, in order', async () => {
  let now = 0;
  const timers = [];
  const gate = new Gate(LIMITS, {
    now: () => now,
    setTimer: (fn, ms) => timers.push({ fn, at: now + ms }) && timers.length,
    clearTimer: (h) => (timers[h - 1].fn = null),
  });
  const a = await gate.lease('zia', 'POST', undefined, 10_000);
  let second;
  gate.lease('zia', 'POST', undefined, 10_000).then((r) => (second = r));
  await Promise.resolve();
  assert.equal(second, undefined, 'the second waits');
  now = 100;
  gate.release(a.id);
  const due = timers.filter((t) => t.fn).at(-1);
  assert.equal(due.at, 1_100);
  now = due.at;
  due.fn();
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(second.waitedMs, 1_100);
});
