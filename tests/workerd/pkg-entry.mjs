// `zscaler-wasm` for the test workers when they run on the raw
// wasm-bindgen build (pkg/) instead of the packed package: what
// js/workerd.js does for the package, the .wasm imported as a compiled
// module and instantiated once.
import wasmModule from './zscaler_wasm_bg.wasm';
import { initSync } from './zscaler_wasm.js';

initSync({ module: wasmModule });

export * from './zscaler_wasm.js';
