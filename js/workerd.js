// Cloudflare Workers / workerd entry: the `.wasm` is imported as a compiled
// WebAssembly.Module (wrangler does this for `.wasm` imports; Workers may
// not compile wasm from bytes at run time) and instantiated at import.
import wasmModule from './zscaler_wasm_bg.wasm';
import { initSync } from './index.js';

initSync(wasmModule);

export * from './index.js';
export { default } from './index.js';
