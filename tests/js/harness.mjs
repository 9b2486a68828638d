// Shared set-up for the JS tests: load the wasm package from pkg/ and point
// clients at the emulator whose URL scripts/test.sh exports.
import { readFileSync } from 'node:fs';
import * as wasm from '../../pkg/zscaler_wasm.js';
import { clientOptions, emulatorUrl, root } from '../support/emulator.mjs';

wasm.initSync({ module: readFileSync(`${root}pkg/zscaler_wasm_bg.wasm`) });

export const { ZscalerClient } = wasm;
export const root_dir = root;
export { emulatorUrl };

/** Options for the emulator's default tenant. */
export function emulatorOptions(overrides = {}) {
  // Tests check behaviour, not the pacer; the pacer has its own test.
  return clientOptions(emulatorUrl(), { pacing: false, ...overrides });
}

/** Reseed the emulator so tests that write start from the demo tenant. */
export async function resetEmulator() {
  const res = await fetch(`${emulatorUrl()}/_emulator/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`reset failed: ${res.status}`);
}
