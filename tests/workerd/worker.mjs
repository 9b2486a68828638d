// A Cloudflare Worker that uses the wasm package: the module is imported as
// a WebAssembly.Module, the way workerd and Workers load .wasm files.
import { initSync, ZscalerClient } from './zscaler_wasm.js';
import wasmModule from './zscaler_wasm_bg.wasm';

initSync({ module: wasmModule });

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
    customerId: '216196257331281920', pacing: false,
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
      customerId: '216196257331281920',
    });
    try {
      const segments = await client.zpa.listAllApplicationSegments({ pagesize: 20 });
      return Response.json({ count: segments.length, ids: segments.map((s) => s.id) });
    } catch (err) {
      return Response.json({ name: err.name, code: err.code, status: err.status, isError: err instanceof Error }, { status: 502 });
    }
  },
};
