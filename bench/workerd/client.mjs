// P3 worker: our wasm client. Instantiation happens at module evaluation,
// the first request fetches a token and one page of segments.
import { initSync, ZscalerClient } from './zscaler_wasm.js';
import wasmModule from './zscaler_wasm_bg.wasm';

initSync({ module: wasmModule });

export default {
  async fetch(request, env) {
    const client = new ZscalerClient({
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      baseUrl: env.EMULATOR_URL,
      tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`,
      customerId: '216196257331281920',
    });
    const page = await client.zpa.listApplicationSegments({ page: 1, pagesize: 20 });
    return Response.json({ count: page.list.length });
  },
};
