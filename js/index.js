// Browser and bundler entry (vite, webpack, esbuild, Deno): the wasm is
// fetched on first use from beside this file, through the
// `new URL(..., import.meta.url)` form that bundlers rewrite to an asset.
import initWasm, { initSync as initWasmSync, ZscalerClient as WasmClient } from './zscaler_wasm.js';
import { ConfigError } from './errors.js';

// The product classes of this build (`ZpaApi`, ...); the names defined
// here (the client, init, initSync) take precedence over the glue's.
export * from './zscaler_wasm.js';
export * from './errors.js';

// One instantiation per page, however many callers await init() at once.
let ready;
// Set once the wasm is instantiated (ready may still be pending).
let loaded = false;

/** The client; made before the wasm is loaded, it says what to do. */
export class ZscalerClient extends WasmClient {
  constructor(options) {
    if (!loaded) {
      throw new ConfigError(
        'invalid client options: the wasm is not loaded yet: await init() (or call initSync(bytes)) before new ZscalerClient(), or use createClient()',
        { code: 'CONFIG' },
      );
    }
    super(options);
  }
}

/** Load the wasm: from `input` (URL, Response, Module, bytes) or beside this file. */
export default function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      loaded = true;
    },
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
    loaded = true;
    ready = Promise.resolve();
  }
}

/** Auto-init: load the wasm if needed, then build a client. */
export async function createClient(options) {
  await init();
  return new ZscalerClient(options);
}
