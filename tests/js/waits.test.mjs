// Waits are visible: onLog reports each pacing wait and each retry wait,
// how long and why, so a slow script can be explained from its log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const base = {
  clientId: 'waits', clientSecret: 'waits-secret',
  baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
};

function fetchWith(answer) {
  return async (url) => (String(url).endsWith('/oauth2/v1/token')
    ? Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    : answer());
}

test('a paced call logs a wait event naming the limit before it is sent', async () => {
  const events = [];
  const client = new ZscalerClient({ ...base, fetch: fetchWith(() => Response.json([])), onLog: (e) => events.push(e) });
  // ZIA allows two GETs a second: the third waits.
  await Promise.all([0, 1, 2].map(() => client.zia.listUsers()));
  const waits = events.filter((e) => e.phase === 'wait');
  assert.equal(waits.length, 1, JSON.stringify(events.map((e) => e.phase)));
  assert.equal(waits[0].operation, 'listUsers');
  assert.ok(waits[0].waitMs > 0 && waits[0].waitMs <= 1000, String(waits[0].waitMs));
  assert.equal(waits[0].message, 'pacing: ZIA GET allows 2 calls per 1 s');
  // Every call was still sent once, the paced one after its wait.
  const sent = events.filter((e) => e.phase === 'request' && e.operation === 'listUsers');
  assert.equal(sent.length, 3);
  assert.ok(events.indexOf(waits[0]) < events.indexOf(sent[2]), 'the wait precedes the last request');
});

test('a retry event says why the call is sent again', async () => {
  const events = [];
  let n = 0;
  const fetch = fetchWith(() => (++n === 1 ? new Response('{}', { status: 503 }) : Response.json([])));
  const client = new ZscalerClient({ ...base, pacing: false, fetch, retryBaseDelayMs: 1, retryMaxDelayMs: 2, onLog: (e) => events.push(e) });
  await client.zia.listUsers();
  const retry = events.find((e) => e.phase === 'retry');
  assert.equal(retry.message, 'HTTP 503');
  assert.equal(typeof retry.waitMs, 'number');
  assert.equal(events.filter((e) => e.phase === 'wait').length, 0, 'pacing off: no waits');
});

test('a token request that gets no answer is retried, then a TransportError', async () => {
  let tokenCalls = 0;
  const flaky = async (url) => {
    if (String(url).endsWith('/oauth2/v1/token')) {
      tokenCalls += 1;
      if (tokenCalls === 1) throw new TypeError('fetch failed');
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    return Response.json([{ id: 1 }]);
  };
  const events = [];
  const opts = { ...base, pacing: false, retryBaseDelayMs: 1, retryMaxDelayMs: 2 };
  const ok = new ZscalerClient({ ...opts, fetch: flaky, onLog: (e) => events.push(e) });
  assert.deepEqual(await ok.zia.listUsers(), [{ id: 1 }]);
  assert.equal(tokenCalls, 2, 'the lost token call was sent again');
  assert.match(events.find((e) => e.phase === 'retry')?.message ?? '', /token request: fetch failed/);

  const down = new ZscalerClient({ ...opts, maxAttempts: 2, fetch: async () => { throw new TypeError('fetch failed'); } });
  const err = await down.zia.listUsers().catch((e) => e);
  assert.equal(err.name, 'TransportError', String(err));
  assert.equal(err.code, 'TRANSPORT');
  assert.match(err.message, /token request/);
});
