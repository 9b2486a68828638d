// The log hook, request ids on errors, and hostile answers through the wasm
// client in Node: typed errors, no secret anywhere, and a usable instance.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ZscalerClient, emulatorOptions, emulatorUrl } from './harness.mjs';

const SECRET = 'emulator-secret';
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ/;

async function fault(rule) {
  const res = await fetch(`${emulatorUrl()}/_emulator/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule),
  });
  assert.ok(res.ok, await res.text());
}
after(() => fetch(`${emulatorUrl()}/_emulator/faults`, { method: 'DELETE' }));

test('onLog sees requests, answers and retries, with credentials redacted', async () => {
  const events = [];
  const client = new ZscalerClient(emulatorOptions({ onLog: (e) => events.push(e), retryBaseDelayMs: 1, retryMaxDelayMs: 2 }));
  await fault({ method: 'GET', path_prefix: '/zpa/', status: 503, count: 1 });
  const page = await client.zpa.listApplicationSegments({ pagesize: 5 });
  assert.equal(page.list.length, 5);
  // The token request goes through the same hook first (its secret
  // redacted, checked below), then the API call with its retry.
  assert.deepEqual(events.filter((e) => e.operation === 'mintToken').map((e) => e.phase), ['request', 'response']);
  const call = events.filter((e) => e.operation === 'listApplicationSegments');
  assert.deepEqual(call.map((e) => e.phase), ['request', 'response', 'retry', 'request', 'response']);
  assert.deepEqual(call.map((e) => e.status).filter(Boolean), [503, 200]);
  assert.equal(events.length, 7, 'no event for anything else');
  const auth = call[0].headers.find(([k]) => k === 'authorization');
  assert.deepEqual(auth, ['authorization', '<redacted>']);
  const text = JSON.stringify(events);
  assert.ok(!text.includes(SECRET));
  assert.doesNotMatch(text, JWT);
});

test('a hook that throws does not break the call', async () => {
  const client = new ZscalerClient(emulatorOptions({ onLog: () => { throw new Error('boom'); } }));
  const page = await client.zpa.listApplicationSegments({ pagesize: 1 });
  assert.equal(page.list.length, 1);
});

test('API errors carry the gateway request id', async () => {
  const client = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  const err = await client.zpa.getApplicationSegment({ applicationId: '1' }).catch((e) => e);
  assert.equal(err.name, 'ZscalerApiError');
  assert.equal(err.status, 404);
  assert.match(err.requestId ?? '', /\S{8,}/);
});

test('a 404 has one code in every product, and the product\'s own beside it', async () => {
  const client = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  const misses = [
    client.zpa.getApplicationSegment({ applicationId: '1' }),
    client.zia.getUser({ userId: 1 }),
    client.zidentity.getUser({ id: 'nope' }),
  ];
  const errs = await Promise.all(misses.map((p) => p.catch((e) => e)));
  assert.deepEqual(errs.map((e) => [e.status, e.code]), [[404, 'NOT_FOUND'], [404, 'NOT_FOUND'], [404, 'NOT_FOUND']]);
  const own = errs.map((e) => e.productCode);
  assert.equal(new Set(own).size, 3, `each product keeps its own code: ${own}`);
  assert.ok(own.every((c) => typeof c === 'string' && c.length > 0));
});

test('an HTML page or truncated JSON where JSON belongs is a DecodeError, and the client carries on', async () => {
  const client = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  for (const body of ['<!DOCTYPE html><html><title>Portal</title><script>alert(1)</script></html>', '{"list": [{"id": "1"']) {
    await fault({ method: 'GET', path_prefix: '/zpa/', status: 200, body, headers: { 'content-type': 'text/html' }, count: 1 });
    const err = await client.zpa.listApplicationSegments({}).catch((e) => e);
    assert.equal(err.name, 'DecodeError', String(err));
    assert.ok(!err.message.includes('<script>'), err.message);
    const ok = await client.zpa.listApplicationSegments({ pagesize: 2 });
    assert.equal(ok.list.length, 2);
  }
});

test('checkResponses: false hands back JSON that breaks the spec, but never non-JSON', async () => {
  const body = JSON.stringify({ totalPages: '1', list: [{ id: '1', name: 5, enabled: 'yes' }] });
  const checked = new ZscalerClient(emulatorOptions({ maxAttempts: 1 }));
  const unchecked = new ZscalerClient(emulatorOptions({ maxAttempts: 1, checkResponses: false }));
  await fault({ method: 'GET', path_prefix: '/zpa/', status: 200, body, count: 1 });
  const err = await checked.zpa.listApplicationSegments({}).catch((e) => e);
  assert.equal(err.name, 'DecodeError', String(err));
  assert.match(err.message, /list\[0\]\.(name|enabled) should be/);
  await fault({ method: 'GET', path_prefix: '/zpa/', status: 200, body, count: 1 });
  const page = await unchecked.zpa.listApplicationSegments({});
  assert.deepEqual(page.list, [{ id: '1', name: 5, enabled: 'yes' }]);
  await fault({ method: 'GET', path_prefix: '/zpa/', status: 200, body: '{"list": [', count: 1 });
  const bad = await unchecked.zpa.listApplicationSegments({}).catch((e) => e);
  assert.equal(bad.name, 'DecodeError', String(bad));
  assert.equal((await unchecked.zpa.listApplicationSegments({ pagesize: 2 })).list.length, 2);
});

test('a 40 MB answer is refused with a DecodeError instead of filling memory', async () => {
  let sent = 0;
  let closed;
  const hungUp = new Promise((ok) => { closed = ok; });
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    res.on('close', closed);
    const push = () => {
      while (sent < 40 && res.write(chunk)) sent += 1;
      if (sent < 40) res.once('drain', () => { sent += 1; push(); });
      else res.end('{}');
    };
    push();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const client = new ZscalerClient({ ...emulatorOptions({ maxAttempts: 1 }), baseUrl: base });
    const err = await client.zpa.listApplicationSegments({}).catch((e) => e);
    assert.equal(err.name, 'DecodeError', String(err));
    assert.match(err.message, /limit/);
    // Reading stopped at the limit: the client hung up before the last MB.
    await hungUp;
    assert.ok(sent < 40, `the server sent all ${sent} MB`);
    const ok = await new ZscalerClient(emulatorOptions()).zpa.listApplicationSegments({ pagesize: 1 });
    assert.equal(ok.list.length, 1);
  } finally {
    server.close();
  }
});
