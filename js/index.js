// Browser and bundler entry (vite, webpack, esbuild, Deno): the wasm is
// fetched on first use from beside this file, through the
// `new URL(..., import.meta.url)` form that bundlers rewrite to an asset.
import initWasm, { initSync as initWasmSync, ZscalerClient } from './zscaler_wasm.js';

export { ZscalerClient, ZpaApi, ZiaApi, ZidentityApi } from './zscaler_wasm.js';
export * from './errors.js';

// One instantiation per page, however many callers await init() at once.
let ready;

/** Load the wasm: from `input` (URL, Response, Module, bytes) or beside this file. */
export default function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(
    () => undefined,
    (err) => {
      ready = undefined; // a failed load (say, offline) may be retried
      throw err;
    },
  );
  return ready;
}
export { init };

/** Instantiate synchronously from a compiled Module or the wasm bytes. */
export function initSync(module) {
  if (ready === undefined) {
    initWasmSync({ module });
    ready = Promise.resolve();
  }
}

/** Auto-init: load the wasm if needed, then build a client. */
export async function createClient(options) {
  await init();
  return new ZscalerClient(options);
}
