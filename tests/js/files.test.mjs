// Downloads through the wasm client: an operation whose spec declares a
// file answer resolves to a Uint8Array holding exactly the bytes sent (not
// parsed, not text-decoded), asks for any content type, and its errors are
// still typed. A stand-in global fetch plays the API here, because the
// emulator cannot be made to send arbitrary binary bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZscalerClient } from './harness.mjs';

const ARCHIVE = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80, 0xc3]);

async function withFetch(answer, body) {
  const real = globalThis.fetch;
  const seen = [];
  globalThis.fetch = async (url, init) => {
    const u = String(url);
    if (u.endsWith('/oauth2/v1/token')) {
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    }
    seen.push({ url: u, accept: new Headers(init?.headers).get('accept') });
    return answer();
  };
  try {
    const client = new ZscalerClient({
      clientId: 'files', clientSecret: 'files-secret', pacing: false, maxAttempts: 1,
      baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token',
    });
    return { result: await body(client).catch((e) => e), seen };
  } finally {
    globalThis.fetch = real;
  }
}

test('a binary download resolves to the exact bytes, asking for any type', async () => {
  const { result, seen } = await withFetch(
    () => new Response(ARCHIVE, { headers: { 'content-type': 'application/octet-stream' } }),
    (c) => c.zia.downloadAuditReport(),
  );
  assert.ok(result instanceof Uint8Array, String(result));
  assert.deepEqual([...result], [...ARCHIVE]);
  assert.equal(seen[0].accept, '*/*');
  assert.match(seen[0].url, /\/zia\/api\/v1\/auditReport\/download$/);
});

test('a JSON call still asks for JSON and parses it', async () => {
  const { result, seen } = await withFetch(() => Response.json([{ id: 7 }]), (c) => c.zia.listUsers());
  assert.deepEqual(result, [{ id: 7 }]);
  assert.equal(seen[0].accept, 'application/json');
});

test('a failed download rejects with the typed API error', async () => {
  const { result } = await withFetch(
    () => Response.json({ code: 'RESOURCE_NOT_FOUND', message: 'gone' }, { status: 404 }),
    (c) => c.zia.downloadAuditReport(),
  );
  assert.ok(result instanceof Error);
  assert.equal(result.status, 404);
  // One code for every product's 404, the product's own kept beside it.
  assert.equal(result.code, 'NOT_FOUND');
  assert.equal(result.productCode, 'RESOURCE_NOT_FOUND');
});
