// Node entry: the wasm is read from beside this file and instantiated at
// import, so `new ZscalerClient(...)` works without an init() call.
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./zscaler_wasm_bg.wasm', import.meta.url)));

export * from './index.js';
export { default } from './index.js';
