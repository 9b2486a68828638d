// P3 worker: our wasm client. Instantiation happens at module evaluation;
// in phase `full` each request makes a client and fetches a token and one
// page of segments. Phases `load` and `construct` stop early, to split the
// cold start (see bench/p3_workerd.mjs --phases).
import { initSync, ZscalerClient } from './zscaler_wasm.js';
import wasmModule from './zscaler_wasm_bg.wasm';

initSync({ module: wasmModule });

export default {
  async fetch(request, env) {
    if (env.PHASE === 'load') return Response.json({ phase: 'load' });
    const client = new ZscalerClient({
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      baseUrl: env.EMULATOR_URL,
      tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`,
      customerId: '216196257331281920',
    });
    if (env.PHASE === 'construct') {
      client.free();
      return Response.json({ phase: 'construct' });
    }
    const page = await client.zpa.listApplicationSegments({ page: 1, pagesize: 20 });
    return Response.json({ count: page.list.length });
  },
};
