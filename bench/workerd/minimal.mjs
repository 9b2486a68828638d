// P3 minimal worker: the same token and page through the smallest wasm-bindgen
// client (bench/minimal/), the JSON read by the JS engine. Phase `load` answers
// after instantiating it, as the client worker's does.
import { initSync, ZscalerClient } from './zscaler_wasm.js';
import wasmModule from './zscaler_wasm_bg.wasm';
import { tokenForm } from './token.mjs';

initSync({ module: wasmModule });

export default {
  async fetch(request, env) {
    if (env.PHASE === 'load') return Response.json({ phase: 'load' });
    const client = new ZscalerClient({
      tokenUrl: `${env.EMULATOR_URL}/oauth2/v1/token`,
      tokenForm: tokenForm().toString(),
      segmentsUrl: env.SEGMENTS_URL,
    });
    const page = await client.listApplicationSegments(1, 20);
    client.free();
    return Response.json({ count: page.list.length });
  },
};
