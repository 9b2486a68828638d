// Errors say which request failed and why underneath: method, URL,
// operationId, an excerpt of the answer, and the `fetch` failure as
// `cause`, the very object the fetch threw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient, emulatorOptions } from './harness.mjs';

const base = {
  clientId: 'ctx', clientSecret: 'ctx-secret-value',
  baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
  customerId: '1', pacing: false, maxAttempts: 1,
};
// JWT-shaped, as every token the client holds.
const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjdHgifQ.c2lnbmF0dXJl';

function fetchWith(answer) {
  return async (url, init) => (String(url).endsWith('/oauth2/v1/token')
    ? Response.json({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 })
    : answer(String(url), init));
}

test('a 404 from the emulator names its call and keeps the product body', async () => {
  const client = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  const err = await client.zpa.getApplicationSegment({ applicationId: '9999999999' }).catch((e) => e);
  assert.equal(err.code, 'NOT_FOUND', String(err));
  assert.equal(err.method, 'GET');
  assert.equal(err.operation, 'getApplicationSegment');
  assert.match(err.url, /^http:\/\/127\.0\.0\.1:\d+\/zpa\/mgmtconfig\/v1\/admin\/customers\/\d+\/application\/9999999999$/);
  assert.ok(err.body.includes(err.productCode), `${err.body} holds ${err.productCode}`);
  assert.equal(err.cause, undefined, 'an answer has no lower-level cause');
});

test('a fetch that throws is the cause of the TransportError, unchanged', async () => {
  const thrown = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') });
  const client = new ZscalerClient({
    ...base,
    fetch: fetchWith(() => { throw thrown; }),
  });
  const err = await client.zia.listUsers({ search: 'a b' }).catch((e) => e);
  assert.equal(err.name, 'TransportError', String(err));
  assert.equal(err.cause, thrown, 'the very object fetch threw');
  assert.match(err.message, /ECONNREFUSED/);
  assert.equal(err.operation, 'listUsers');
  assert.equal(err.method, 'GET');
  assert.equal(err.url, 'http://api.test/zia/api/v1/users?search=a%20b');
  assert.equal(err.body, undefined);
});

test('a failing token call is named as such, not as the API call that needed it', async () => {
  const thrown = new TypeError('fetch failed');
  const client = new ZscalerClient({ ...base, fetch: async () => { throw thrown; } });
  const err = await client.zia.listUsers().catch((e) => e);
  assert.equal(err.code, 'TRANSPORT');
  assert.equal(err.operation, 'mintToken');
  assert.equal(err.method, 'POST');
  assert.equal(err.url, base.tokenUrl);
  assert.equal(err.cause, thrown);
});

test('an answer echoing the bearer token is shown without it', async () => {
  const client = new ZscalerClient({
    ...base,
    fetch: fetchWith((url, init) => Response.json(
      { code: 'INVALID_INPUT_ARGUMENT', message: 'bad', echo: init.headers.authorization },
      { status: 400 },
    )),
  });
  const err = await client.zia.listUsers().catch((e) => e);
  assert.equal(err.code, 'INVALID');
  assert.equal(err.productCode, 'INVALID_INPUT_ARGUMENT');
  assert.match(err.body, /"echo":"Bearer <redacted>"/);
  const everything = JSON.stringify({ ...err, message: err.message, stack: err.stack });
  assert.ok(!everything.includes(TOKEN.split('.')[1]), everything);
});

test('a body that is not the promised JSON is a DecodeError with the parser as cause', async () => {
  const client = new ZscalerClient({
    ...base,
    fetch: fetchWith(() => new Response('<html><title>Sign in</title></html>', { status: 200 })),
  });
  const err = await client.zpa.listApplicationSegments().catch((e) => e);
  assert.equal(err.name, 'DecodeError', String(err));
  assert.equal(err.body, 'an HTML page titled "Sign in"');
  assert.equal(err.operation, 'listApplicationSegments');
  assert.ok(err.cause instanceof Error && err.cause.message.length > 0, String(err.cause));
});

test('client.request errors carry the route as operation `request`', async () => {
  const client = new ZscalerClient({
    ...base,
    fetch: fetchWith(() => Response.json({ code: 'RESOURCE_NOT_FOUND', message: 'no' }, { status: 404 })),
  });
  const err = await client.request('DELETE /zia/api/v1/ipGroups/{id}', { id: 7 }).catch((e) => e);
  assert.equal(err.code, 'NOT_FOUND');
  assert.equal(err.operation, 'request');
  assert.equal(err.method, 'DELETE');
  assert.equal(err.url, 'http://api.test/zia/api/v1/ipGroups/7');
});

test('errors before sending have no request fields', async () => {
  const client = new ZscalerClient(base);
  const err = await client.zpa.getApplicationSegment({}).catch((e) => e);
  assert.equal(err.code, 'INVALID_ARGUMENT');
  for (const field of ['method', 'url', 'operation', 'body', 'cause']) {
    assert.equal(err[field], undefined, field);
  }
});
