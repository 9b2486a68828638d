// A Cloudflare Worker that uses the wasm package as a user writes it. The
// one fixture for both workerd suites: tests/js/workerd.test.mjs runs it
// on the raw pkg/ build (`zscaler-wasm` is pkg-entry.mjs there) and
// tests/package/smoke.test.mjs bundles it against the packed tarball with
// the `workerd` condition, as wrangler does.
import { ZscalerClient } from 'zscaler-wasm';

const CUSTOMER_ID = '216196257331281920';

/** Legacy ZIA (cookie session) and private-key JWT (WebCrypto) inside workerd. */
async function otherAuth(url, env) {
  if (url.pathname === '/legacy-zia') {
    const client = new ZscalerClient({
      legacy: 'zia', baseUrl: env.EMULATOR_URL, username: 'admin@emulator.test',
      password: 'emulator-password', apiKey: url.searchParams.get('apiKey') ?? 'ABCDEFGHIJKL', pacing: false,
    });
    const users = await client.zia.listUsers({ pageSize: 1000 });
    await client.signOut();
    return { count: users.length };
  }
  const client = new ZscalerClient({
    clientId: 'emulator-client', privateKey: JSON.parse(url.searchParams.get('jwk')),
    baseUrl: env.EMULATOR_URL, tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`,
    customerId: CUSTOMER_ID, pacing: false,
  });
  const page = await client.zpa.listApplicationSegments({ pagesize: 20 });
  return { count: Number(page.totalCount) };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/') {
      try {
        return Response.json(await otherAuth(url, env));
      } catch (err) {
        return Response.json({ name: err.name, code: err.code, status: err.status }, { status: 502 });
      }
    }
    const client = new ZscalerClient({
      clientId: 'emulator-client',
      clientSecret: url.searchParams.get('secret') ?? 'emulator-secret',
      baseUrl: env.EMULATOR_URL,
      tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`,
      customerId: CUSTOMER_ID,
    });
    try {
      const segments = await client.zpa.listAllApplicationSegments({ pagesize: 20 });
      return Response.json({ count: segments.length, ids: segments.map((s) => s.id) });
    } catch (err) {
      return Response.json({ name: err.name, code: err.code, status: err.status, isError: err instanceof Error }, { status: 502 });
    }
  },
};
