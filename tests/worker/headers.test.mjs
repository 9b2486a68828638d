// Header hygiene both ways, checked against a recording stand-in API (the
// emulator still issues the token): browser cookies, auth and hop-by-hop
// headers never go upstream, and the API's cookies, CORS and hop-by-hop
// headers never come back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { call, CSRF, CUSTOMER, login, startEmulator, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';

const emuReady = startEmulator();
const received = [];
let server;
let base;
let cookie;

before(async () => {
  server = http.createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': 'upstream=1; Path=/',
      connection: 'close, x-hop',
      'x-hop': 'must go',
      'access-control-allow-origin': '*',
      'x-request-id': 'req-123',
    });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const emu = await emuReady;
  base = await startWorker(workerEnv(emu, { ZSCALER_API_BASE_URL: `http://127.0.0.1:${server.address().port}` }));
  ({ cookie } = await login(base));
});
after(() => server?.close());

/** node:http, because fetch refuses to send a Connection header. */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('browser credentials and hop-by-hop headers are not sent upstream; the bearer token is', async () => {
  const status = await rawGet(`${base}/api/zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}/application`, {
    cookie: `${cookie}; other=1`,
    ...CSRF,
    authorization: 'Bearer from-the-browser',
    connection: 'keep-alive, x-private',
    'x-private': 'secret-ish',
    'x-forwarded-for': '10.0.0.1',
    accept: 'application/json',
  });
  assert.equal(status, 200);
  const got = received.at(-1);
  assert.equal(got.cookie, undefined);
  assert.match(got.authorization, /^Bearer eyJ/, 'the worker\'s own token');
  assert.ok(!got.authorization.includes('from-the-browser'));
  for (const h of ['x-private', 'x-forwarded-for', 'x-requested-with']) assert.equal(got[h], undefined, h);
  assert.equal(got.accept, 'application/json');
});

test('upstream cookies, CORS and hop-by-hop headers are not passed back; the rest is', async () => {
  const res = await call(`${base}/api/zia/api/v1/users`, { headers: { cookie, ...CSRF } });
  assert.equal(res.status, 200);
  for (const h of ['set-cookie', 'x-hop', 'access-control-allow-origin', 'connection']) assert.equal(res.headers.get(h), null, h);
  assert.equal(res.headers.get('x-request-id'), 'req-123');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(res.json(), { ok: true });
});

leakCheck(emuReady);
