// Walks draw from the rate budget: `listAll…` asks for as many pages at once
// as the pacer has free, `iter…` reads `prefetch` pages ahead, and
// `client.rateBudget(product)` shows what is left. A fake API with a delay
// per page counts how many page requests are in flight at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const base = {
  clientId: 'fan', clientSecret: 'fan-secret', customerId: '7',
  baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
};

/** A fake API answering tokens at once and every other call with
 *  `answer(url)` after `ms`, counting the calls sent and the most in
 *  flight at once. */
function counting(ms, answer) {
  const state = { inFlight: 0, peak: 0, sent: 0 };
  state.fetch = fakeApi(async (u) => {
    state.sent += 1;
    state.inFlight += 1;
    state.peak = Math.max(state.peak, state.inFlight);
    await new Promise((r) => setTimeout(r, ms));
    state.inFlight -= 1;
    return Response.json(answer(u));
  });
  return state;
}

/** A `fetch` that answers the token call at once and every other call
 *  with `answer(url)`, a Response or a promise of one. */
function fakeApi(answer) {
  return async (url) => {
    const u = new URL(String(url));
    if (u.pathname.endsWith('/oauth2/v1/token')) {
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    return answer(u);
  };
}

/** A ZPA tenant of `pages` pages of 10 segments, answering each after `ms`. */
function tenant(pages, ms = 20) {
  return counting(ms, (u) => {
    const page = Number(u.searchParams.get('page'));
    const list = Array.from({ length: 10 }, (_, i) => ({ id: String((page - 1) * 10 + i), name: `s${page}` }));
    return { totalPages: String(pages), totalCount: String(pages * 10), list };
  });
}

test('listAll asks for every remaining page at once when the budget has room', async () => {
  const t = tenant(12);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  const all = await client.zpa.listAllApplicationSegments({ pagesize: 10 });
  assert.deepEqual(all.map((s) => Number(s.id)), Array.from({ length: 120 }, (_, i) => i), 'in page order');
  assert.equal(t.sent, 12);
  assert.equal(t.peak, 11, 'the 11 pages after the first went together');
});

test('listAll takes only what is free: earlier calls spent most of the budget', async () => {
  const t = tenant(6, 50);
  const waits = [];
  const onLog = (e) => { if (e.phase === 'wait') waits.push(e.operation); };
  const client = new ZscalerClient({ ...base, fetch: t.fetch, onLog });
  // 16 of ZPA's 20 GETs per 10 s, spent by single calls first.
  await Promise.all(Array.from({ length: 16 }, () => client.zpa.getApplicationSegment({ applicationId: '1' })));
  t.peak = 0;
  const budget = client.rateBudget('zpa').find((b) => b.methods.includes('GET'));
  assert.equal(budget.remaining, 4);
  // Page 1 takes one slot; three remain, so pages 2-4 go together and the
  // walk then waits for the window, one page at a time: stop it there.
  const controller = new AbortController();
  const walk = client.zpa.listAllApplicationSegments({ pagesize: 10 }, { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(t.peak, 3, 'no more pages than the budget had free');
  assert.equal(client.rateBudget('zpa').find((b) => b.methods.includes('GET')).remaining, 0);
  // Only one page waits for the window, so a call made now queues behind
  // one page of the walk, not behind the rest of it.
  assert.deepEqual(waits, ['listApplicationSegments'], 'one walk page queued for the window');
  controller.abort();
  await assert.rejects(walk, { name: 'AbortError' });
});

test('iter reads prefetch pages ahead, and not more', async () => {
  for (const prefetch of [1, 4]) {
    const t = tenant(8);
    const client = new ZscalerClient({ ...base, fetch: t.fetch });
    let n = 0;
    for await (const s of client.zpa.iterApplicationSegments({ pagesize: 10 }, { prefetch })) {
      n += Number(s.id) === n ? 1 : 0;
      // A slow consumer, so look-ahead has time to fill.
      if (Number(s.id) % 10 === 0) await new Promise((r) => setTimeout(r, 60));
    }
    assert.equal(n, 80, 'every item once, in order');
    assert.equal(t.peak, prefetch, `prefetch ${prefetch}`);
  }
});

/** A ZPA tenant of `pages` pages whose bodies arrive in two chunks and
 *  record when each page's body was read to its end. */
function streamingTenant(pages) {
  const state = { sent: [], read: [] };
  state.fetch = fakeApi((u) => {
    const page = Number(u.searchParams.get('page'));
    state.sent.push(page);
    const list = Array.from({ length: 10 }, (_, i) => ({ id: String((page - 1) * 10 + i) }));
    const bytes = new TextEncoder().encode(JSON.stringify({ totalPages: String(pages), list }));
    const half = bytes.length >> 1;
    let step = 0;
    const body = new ReadableStream({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 5));
        if (step === 0) controller.enqueue(bytes.subarray(0, half));
        else if (step === 1) controller.enqueue(bytes.subarray(half));
        else {
          controller.close();
          state.read.push(page);
        }
        step += 1;
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  });
  return state;
}

test('pages requested ahead are read while the caller works, not when it asks for them', async () => {
  const t = streamingTenant(6);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  const it = client.zpa.iterApplicationSegments({ pagesize: 10 }, { prefetch: 2 })[Symbol.asyncIterator]();
  assert.equal((await it.next()).value.id, '0');
  // The caller is busy with item 0; nothing asks the iterator for more.
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(t.sent, [1, 2, 3], 'the look-ahead went out with page 1, no further');
  assert.deepEqual(t.read, [1, 2, 3], 'and its bodies were read meanwhile');
  const ids = ['0'];
  for (let r = await it.next(); !r.done; r = await it.next()) ids.push(r.value.id);
  assert.deepEqual(ids, Array.from({ length: 60 }, (_, i) => String(i)), 'every item once, in order');
  assert.deepEqual(t.sent, [1, 2, 3, 4, 5, 6]);
});

test('breaking out of a walk stops the pages still being read ahead', async () => {
  const t = streamingTenant(6);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  for await (const s of client.zpa.iterApplicationSegments({ pagesize: 10 }, { prefetch: 2 })) {
    assert.equal(s.id, '0');
    break;
  }
  await new Promise((r) => setTimeout(r, 150));
  // Pages 2 and 3 had been asked for; their bodies were not read on after the break.
  assert.deepEqual(t.sent, [1, 2, 3]);
  assert.deepEqual(t.read, [1], 'no page read on after the break');
});

test('prefetch is checked, and refused where it means nothing', async () => {
  const t = tenant(1);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  assert.throws(() => client.zpa.iterApplicationSegments({}, { prefetch: 0 }), { name: 'InvalidArgumentError', message: /prefetch must be/ });
  assert.throws(() => client.zpa.iterApplicationSegments({}, { prefetch: 21 }), { name: 'InvalidArgumentError', message: /prefetch must be 1 to 20/ });
  await assert.rejects(client.zpa.listAllApplicationSegments({}, { prefetch: 2 }), { name: 'InvalidArgumentError', message: /prefetch applies to iterators/ });
  await assert.rejects(client.zpa.listApplicationSegments({}, { prefetch: 2 }), { name: 'InvalidArgumentError' });
  assert.equal(t.sent, 0, 'nothing was sent');
});

test('rateBudget shows each documented limit; unknown products are errors', async () => {
  const t = tenant(1);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  const zpa = client.rateBudget('zpa');
  assert.ok(zpa.length >= 2, JSON.stringify(zpa));
  for (const b of zpa) {
    assert.equal(b.remaining, b.max, 'all free before any call');
    assert.equal(b.waitMs, 0);
    assert.ok(b.windowMs > 0);
  }
  await client.zpa.listApplicationSegments({ pagesize: 10 });
  const get = client.rateBudget('zpa').find((b) => b.methods.includes('GET'));
  assert.equal(get.remaining, get.max - 1);
  assert.throws(() => client.rateBudget('nope'), { name: 'InvalidArgumentError', message: /unknown product "nope"/ });
  const unpaced = new ZscalerClient({ ...base, fetch: t.fetch, pacing: false });
  assert.deepEqual(unpaced.rateBudget('zpa'), []);
});

test('a long walk queues behind an interactive call once the budget is spent, not ahead of it', async () => {
  // 25 pages: 20 fit ZPA's budget at once, the other 5 wait for the window
  // (10 s). Each paced wait is logged when its slot is reserved, so the
  // order of `wait` events is the order the budget serves callers in: a
  // single call made meanwhile must be behind at most one walk page.
  const t = tenant(25, 10);
  const waits = [];
  const onLog = (e) => { if (e.phase === 'wait') waits.push(e.operation); };
  const client = new ZscalerClient({ ...base, fetch: t.fetch, onLog });
  const walk = client.zpa.listAllApplicationSegments({ pagesize: 10 });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(t.sent, 20, 'the free budget went at once');
  const single = client.zpa.getApplicationSegment({ applicationId: '1' });
  const [all] = await Promise.all([walk, single]);
  assert.equal(all.length, 250);
  // The walk's one queued page, then the single call; whatever the walk
  // asks after that comes behind it.
  assert.deepEqual(waits.slice(0, 2), ['listApplicationSegments', 'getApplicationSegment'], waits.join(', '));
});

/** A ZCC tenant of `n` application profiles (a counted list: the page's
 *  `policies` and the list's `totalCount`), answering each page after `ms`. */
function zccTenant(n, ms = 20) {
  return counting(ms, (u) => {
    const page = Number(u.searchParams.get('page'));
    const size = Number(u.searchParams.get('pageSize'));
    const ids = Array.from({ length: size }, (_, i) => (page - 1) * size + i).filter((i) => i < n);
    return { policies: ids.map((id) => ({ id, name: `p${id}` })), totalCount: n };
  });
}

test('ZCC counted lists fan out as ZPA pages do: listAll within the budget, iter by prefetch', async () => {
  const t = zccTenant(95);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  const all = await client.zcc.listAllApplicationProfiles({ pageSize: 10 });
  assert.deepEqual(all.map((p) => p.id), Array.from({ length: 95 }, (_, i) => i), 'every item once, in order');
  assert.equal(t.sent, 10, 'no request past the total');
  assert.equal(t.peak, 9, 'the 9 pages after the first went together');
  for (const prefetch of [1, 3]) {
    const it = zccTenant(95);
    const c = new ZscalerClient({ ...base, fetch: it.fetch });
    let n = 0;
    for await (const p of c.zcc.iterApplicationProfiles({ pageSize: 10 }, { prefetch })) {
      n += p.id === n ? 1 : 0;
      if (p.id % 10 === 0) await new Promise((r) => setTimeout(r, 60));
    }
    assert.equal(n, 95, 'every item once, in order');
    assert.equal(it.peak, prefetch, `prefetch ${prefetch}`);
  }
  // ZIA's plain arrays say nothing of what follows: nothing to read ahead.
  assert.throws(() => client.zia.iterUsers({}, { prefetch: 2 }), { name: 'InvalidArgumentError', message: /prefetch applies to iterators/ });
});

test('a ZCC walk takes only what is free of its hourly budget', async () => {
  const t = zccTenant(95);
  const client = new ZscalerClient({ ...base, fetch: t.fetch });
  // ZCC allows 100 calls an hour; spend 96 of them on pages of 95 items.
  for (let i = 0; i < 96; i++) await client.zcc.listApplicationProfiles({ page: 1, pageSize: 95 });
  t.peak = 0;
  t.sent = 0;
  // Page 1 takes one of the 4 left; pages 2-4 go together; page 5 would
  // wait most of an hour, which the client refuses at once.
  await assert.rejects(client.zcc.listAllApplicationProfiles({ pageSize: 10 }), { name: 'RateLimitError' });
  assert.equal(t.peak, 3, 'no more pages than the budget had free');
  assert.equal(t.sent, 4);
});

test('a numeric totalPages is read as JS spells it when answers are not checked', async () => {
  // The schema says string, so only an unchecked client meets a number here.
  const pagesOf = (total) => fakeApi((u) => {
    const page = Number(u.searchParams.get('page'));
    return Response.json({ totalPages: total, list: [{ id: String(page) }] });
  });
  const client = new ZscalerClient({ ...base, fetch: pagesOf(3), checkResponses: false });
  const all = await client.zpa.listAllApplicationSegments({ pagesize: 1 });
  assert.deepEqual(all.map((s) => s.id), ['1', '2', '3']);
  for (const [total, shown] of [[2.5, '"2.5"'], [1e21, '"1e+21"'], [-1, '"-1"']]) {
    const bad = new ZscalerClient({ ...base, fetch: pagesOf(total), checkResponses: false });
    await assert.rejects(bad.zpa.listAllApplicationSegments({ pagesize: 1 }), (e) => {
      assert.equal(e.name, 'DecodeError', String(e));
      assert.ok(e.message.includes(`totalPages is not a page count: ${shown}`), e.message);
      return true;
    });
  }
});
