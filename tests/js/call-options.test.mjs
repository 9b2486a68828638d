// A method's second argument: call options. `signal` cancels the request
// in flight and any wait; timeoutMs, maxAttempts and headers override the
// client's for one call or walk; withResponse adds status and headers;
// anything else there is an error, never ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const base = {
  clientId: 'calls', clientSecret: 'calls-secret', pacing: false,
  baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
};
const token = () => Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });

/** A fetch double: `answer(url, init)` for API calls, a log of what came. */
function double(answer) {
  const seen = [];
  const fetch = async (url, init) => {
    if (String(url).endsWith('/oauth2/v1/token')) return token();
    seen.push({ url: String(url), init });
    return answer(String(url), init, seen.length);
  };
  return { fetch, seen };
}

/** Answers after `ms`, or rejects as fetch does when the request's signal aborts. */
function slow(ms, body) {
  return (url, init) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(Response.json(body)), ms);
    init.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}

test('an abort cancels the fetch in flight and rejects with AbortError', async () => {
  const { fetch, seen } = double(slow(5_000, []));
  const client = new ZscalerClient({ ...base, fetch });
  const controller = new AbortController();
  const started = Date.now();
  const call = client.zia.listUsers({}, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error('user left the page')), 50);
  const err = await call.catch((e) => e);
  assert.equal(err.name, 'AbortError');
  assert.equal(err.code, 'ABORTED');
  assert.equal(err.cause?.message, 'user left the page');
  assert.ok(Date.now() - started < 2_000, 'did not wait for the answer');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].init.signal.aborted, true, 'the fetch itself was aborted');
});

test('an already aborted signal sends nothing', async () => {
  const { fetch, seen } = double(() => Response.json([]));
  const client = new ZscalerClient({ ...base, fetch });
  const err = await client.zia.listUsers(undefined, { signal: AbortSignal.abort() }).catch((e) => e);
  assert.equal(err.name, 'AbortError');
  assert.equal(seen.length, 0);
});

test('an abort ends a retry wait', async () => {
  const { fetch, seen } = double(() => new Response('{}', { status: 503, headers: { 'retry-after': '30' } }));
  const client = new ZscalerClient({ ...base, fetch, maxAttempts: 3 });
  const started = Date.now();
  const err = await client.zia.listUsers({}, { signal: AbortSignal.timeout(100) }).catch((e) => e);
  assert.equal(err.name, 'AbortError', String(err));
  assert.ok(Date.now() - started < 5_000);
  assert.equal(seen.length, 1, 'no second attempt after the abort');
});

test('walks take a signal: listAll rejects and an iterator stops', async () => {
  const page = Array.from({ length: 3 }, (_, i) => ({ id: i + 1, name: `u${i}` }));
  let n = 0;
  const { fetch } = double((url, init) => (++n === 1 ? Response.json(page) : slow(5_000, [])(url, init)));
  const client = new ZscalerClient({ ...base, fetch });
  const err = await client.zia.listAllUsers({ pageSize: 3 }, { signal: AbortSignal.timeout(100) }).catch((e) => e);
  assert.equal(err.name, 'AbortError');

  n = 0;
  const controller = new AbortController();
  const got = [];
  await assert.rejects(async () => {
    for await (const u of client.zia.iterUsers({ pageSize: 3 }, { signal: controller.signal })) {
      got.push(u.id);
      if (got.length === 3) setTimeout(() => controller.abort(), 20);
    }
  }, { name: 'AbortError' });
  assert.deepEqual(got, [1, 2, 3]);
});

test('timeoutMs, maxAttempts and headers apply to the one call', async () => {
  const { fetch, seen } = double(() => new Response('{}', { status: 503 }));
  const client = new ZscalerClient({ ...base, fetch, maxAttempts: 4, retryBaseDelayMs: 1, headers: { 'x-team': 'a' } });
  const err = await client.zia.listUsers({}, { maxAttempts: 1, headers: { 'X-Team': 'b', 'Time-Zone': 'UTC' } }).catch((e) => e);
  assert.equal(err.status, 503);
  assert.equal(seen.length, 1, 'one attempt');
  const headers = seen[0].init.headers;
  assert.equal(headers['x-team'], 'b', 'the call value replaces the client one');
  assert.equal(headers['time-zone'], 'UTC');
  // The client's settings are untouched for the next call.
  seen.length = 0;
  await client.zia.listUsers().catch(() => {});
  assert.equal(seen.length, 4);
  assert.equal(seen[0].init.headers['x-team'], 'a');

  const hang = double(slow(5_000, []));
  const timed = new ZscalerClient({ ...base, fetch: hang.fetch, maxAttempts: 1 });
  const t = await timed.zia.listUsers({}, { timeoutMs: 50 }).catch((e) => e);
  assert.equal(t.name, 'TimeoutError', String(t));
});

test('withResponse resolves to data, status and headers', async () => {
  const { fetch } = double(() => Response.json([{ id: 7, name: 'x' }], {
    headers: { 'x-ratelimit-remaining': '19', 'x-request-id': 'req-1' },
  }));
  const client = new ZscalerClient({ ...base, fetch });
  const r = await client.zia.listUsers({}, { withResponse: true });
  assert.deepEqual(r.data, [{ id: 7, name: 'x' }]);
  assert.equal(r.status, 200);
  assert.equal(r.headers['x-ratelimit-remaining'], '19');
  assert.equal(r.headers['x-request-id'], 'req-1');
  assert.deepEqual(await client.zia.listUsers({}, { withResponse: false }), [{ id: 7, name: 'x' }]);
});

test('a second argument that is not call options is an error, nothing sent', async () => {
  const { fetch, seen } = double(() => Response.json([]));
  const client = new ZscalerClient({ ...base, fetch });
  const cases = [
    ['x', /second argument must be a call-options object .*not string/],
    [5, /not number/],
    [() => {}, /not a function/],
    [[1], /not an array/],
    [{ signal: 'x' }, /signal must be an AbortSignal/],
    [{ timeoutMs: -1 }, /timeoutMs must be a whole number of at least 1/],
    [{ maxAttempts: 1.5 }, /maxAttempts must be a whole number/],
    [{ headers: { a: 1 } }, /headers must be an object of strings/],
    [{ headers: { Authorization: 'x' } }, /set by the client itself/],
    [{ withResponse: 'yes' }, /withResponse must be true or false/],
    [{ signa: AbortSignal.abort() }, /unknown call option "signa"/],
  ];
  for (const [options, message] of cases) {
    const err = await client.zia.listUsers({}, options).catch((e) => e);
    assert.equal(err.name, 'InvalidArgumentError', `${String(options)}: ${err}`);
    assert.match(err.message, message);
  }
  assert.throws(() => client.zia.iterUsers({}, { withResponse: true }), /withResponse applies to single calls/);
  assert.equal(seen.length, 0);
});
