// Public types of `zscaler-wasm`, one file for every entry point: the
// runtime entries differ only in how the wasm is loaded, and the product
// entries (`zscaler-wasm/zpa`, ...) in which products their build has; the
// generated declarations beside this file say which.
import type { ClientOptions, ZscalerClient } from './zscaler_wasm.js';

export * from './zscaler_wasm.js';
export * from './errors.js';

/** Where `init()` can load the wasm from. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Load and instantiate the wasm once; later calls return the same promise.
 * Without `input`, the file beside the package entry is fetched (bundlers
 * emit it as an asset). In Node and Workers the entry has already done it.
 */
declare function init(input?: InitInput | Promise<InitInput>): Promise<void>;
export default init;
export { init };

/** Instantiate synchronously from a compiled Module or the wasm bytes. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;

/** `await init()`, then `new ZscalerClient(options)`. */
export declare function createClient(options: ClientOptions): Promise<ZscalerClient>;
