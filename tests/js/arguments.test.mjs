// Arguments and options are read member by member when they are plain
// scalars, and through their JSON text otherwise; both readings must build
// the same request. A custom fetch records what is sent, so nothing here
// needs the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const CUSTOMER = '216196257331281920';

/** A client whose every request is recorded; the API answers `answer`. */
function recording(answer = { totalPages: '1', list: [] }, extra = {}) {
  const sent = [];
  const fetch = async (url, init) => {
    if (String(url).endsWith('/oauth2/v1/token')) {
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    sent.push({ url: String(url), headers: init.headers });
    return Response.json(answer);
  };
  const client = new ZscalerClient({
    clientId: 'args', clientSecret: 'args-secret', pacing: false, maxAttempts: 1, customerId: CUSTOMER,
    baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token', fetch, ...extra,
  });
  return { client, sent };
}

const query = (url) => new URL(url).search;

test('scalar arguments reach the query as their JSON text reads', async () => {
  // 2 ** 60 keeps JS's own spelling, as JSON.stringify writes it.
  const { client, sent } = recording([]);
  const scalars = {
    s: 'a b/é', t: true, f: false, i: 42, neg: -7, frac: 1.5, big: 2 ** 60, z: -0,
    n: null, u: undefined, nan: NaN,
  };
  await client.request('GET /zia/api/v1/users', scalars);
  // An array member sends the same object through its JSON text instead.
  await client.request('GET /zia/api/v1/users', { ...scalars, zz: ['x'] });
  const want = '?big=1152921504606847000&f=false&frac=1.5&i=42&neg=-7&s=a%20b%2F%C3%A9&t=true&z=0';
  assert.equal(query(sent[0].url), want);
  assert.equal(query(sent[1].url), `${want}&zz=x`);
});

test('a generated method reads plain, prototype-free and BigInt arguments alike', async () => {
  const { client, sent } = recording();
  const bare = Object.assign(Object.create(null), { page: 2, pagesize: 20, search: 'x y' });
  await client.zpa.listApplicationSegments({ page: 2, pagesize: 20, search: 'x y' });
  await client.zpa.listApplicationSegments(bare);
  await client.zpa.listApplicationSegments({ page: 2n, pagesize: 20, search: 'x y' });
  assert.equal(sent.length, 3);
  assert.match(sent[0].url, new RegExp(`/customers/${CUSTOMER}/application\\?`));
  for (const { url } of sent) assert.equal(query(url), query(sent[0].url));
  assert.deepEqual([...new URL(sent[0].url).searchParams], [['page', '2'], ['pagesize', '20'], ['search', 'x y']]);
});

test('arguments that are not a plain object are read as JSON reads them', async () => {
  const { client, sent } = recording();
  for (const args of [new Date(0), ['page']]) {
    await assert.rejects(client.zpa.listApplicationSegments(args), { name: 'InvalidArgumentError', message: /arguments should be an object/ });
  }
  const typed = await client.zpa.listApplicationSegments({ page: 'one' }).catch((e) => e);
  assert.equal(typed.name, 'InvalidArgumentError', String(typed));
  assert.equal(sent.length, 0);
});

test('options: BigInts and objects are read through JSON, NaN and unknown names are refused', async () => {
  const { client, sent } = recording(undefined, { maxAttempts: 1n, timeoutMs: 5000, headers: { 'x-trace': 'on' } });
  await client.zpa.listApplicationSegments();
  assert.equal(sent[0].headers['x-trace'], 'on');
  for (const [extra, message] of [
    [{ timeoutMs: NaN }, /timeoutMs must be a finite number/],
    [{ maxAttempts: Infinity }, /maxAttempts must be a finite number/],
    [{ timeoutMs: 1.5 }, /timeoutMs must be a whole number/],
    [{ retryMaxDelay: undefined }, /unknown option "retryMaxDelay"/],
    [{ clientId: 7 }, /clientId must be a string/],
  ]) {
    assert.throws(() => recording(undefined, extra), (e) => e.name === 'ConfigError' && message.test(e.message), JSON.stringify(extra));
  }
});
