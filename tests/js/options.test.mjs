// Options that JSON cannot carry: functions. A function under a known
// function option is used, under any other name it is an error naming it,
// and a `fetch` option carries every request, token calls included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const base = {
  clientId: 'opts', clientSecret: 'opts-secret', pacing: false, maxAttempts: 1,
  baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
};

function rejects(options, message) {
  assert.throws(() => new ZscalerClient(options), (e) => {
    assert.equal(e.name, 'ConfigError', e.message);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /opts-secret/);
    return true;
  });
}

test('a misspelt function option is an unknown option, not silence', () => {
  rejects({ ...base, onlog: () => {} }, /unknown option "onlog"/);
  rejects({ ...base, fecth: async () => new Response('') }, /unknown option "fecth"/);
});

test('a function option that is not a function says so', () => {
  rejects({ ...base, onLog: 'console' }, /: onLog must be a function$/);
  rejects({ ...base, fetch: 42 }, /: fetch must be a function$/);
});

test('a function where a value belongs is an error naming the option', () => {
  rejects({ ...base, clientId: () => 'id' }, /clientId must not be a function/);
  rejects({ ...base, timeoutMs: () => 5 }, /timeoutMs must not be a function/);
});

test('null and undefined function options count as absent', () => {
  assert.ok(new ZscalerClient({ ...base, onLog: undefined, fetch: null }));
});

test('the fetch option carries token and API calls; the global fetch is not touched', async () => {
  const real = globalThis.fetch;
  globalThis.fetch = () => { throw new Error('global fetch used'); };
  const seen = [];
  const fetch = async (url, init) => {
    seen.push(`${init.method} ${url}`);
    if (String(url).endsWith('/oauth2/v1/token')) {
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    return Response.json([{ id: 1, name: 'u' }]);
  };
  try {
    const users = await new ZscalerClient({ ...base, fetch }).zia.listUsers();
    assert.deepEqual(users, [{ id: 1, name: 'u' }]);
  } finally {
    globalThis.fetch = real;
  }
  assert.deepEqual(seen, ['POST http://login.test/oauth2/v1/token', 'GET http://api.test/zia/api/v1/users']);
});

test('a fetch that throws or answers no Response is a TransportError', async () => {
  const token = () => Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
  for (const api of [() => { throw new Error('proxy down'); }, async () => ({ status: 200 })]) {
    const fetch = (url) => (String(url).endsWith('/token') ? token() : api());
    const err = await new ZscalerClient({ ...base, fetch }).zia.listUsers().catch((e) => e);
    assert.equal(err.name, 'TransportError', String(err));
  }
});

test("a fetch option's body that stalls still times out, and its reading is cancelled", async () => {
  let cancelled = false;
  const fetch = async (url) => {
    if (String(url).endsWith('/token')) {
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    // Headers at once, then a body that never ends; the stream ignores the signal.
    const body = new ReadableStream({ pull: () => new Promise(() => {}), cancel: () => { cancelled = true; } });
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
  const err = await new ZscalerClient({ ...base, fetch, timeoutMs: 50 }).zia.listUsers().catch((e) => e);
  assert.equal(err.name, 'TimeoutError', String(err));
  assert.ok(cancelled, 'the body was cancelled');
});
