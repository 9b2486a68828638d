// A Cloudflare Worker that uses the wasm package: the module is imported as
// a WebAssembly.Module, the way workerd and Workers load .wasm files.
import { initSync, ZscalerClient } from './zscaler_wasm.js';
import wasmModule from './zscaler_wasm_bg.wasm';

initSync({ module: wasmModule });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
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
