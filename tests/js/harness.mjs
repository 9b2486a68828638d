// Shared set-up for the JS tests: load the wasm package from pkg/ and point
// clients at the emulator whose URL scripts/test.sh exports.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wasm from '../../pkg/zscaler_wasm.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
wasm.initSync({ module: readFileSync(`${root}pkg/zscaler_wasm_bg.wasm`) });

export const { ZscalerClient } = wasm;
export const root_dir = root;

export function emulatorUrl() {
  const url = process.env.ZSCALER_EMULATOR_URL;
  if (!url) throw new Error('set ZSCALER_EMULATOR_URL to a running emulator');
  return url;
}

/** Options for the emulator's default tenant. */
export function emulatorOptions(overrides = {}) {
  const base = emulatorUrl();
  return {
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    baseUrl: base,
    tokenUrl: `${base}/oauth2/v1/token`,
    customerId: '216196257331281920',
    // Tests check behaviour, not the pacer; the pacer has its own test.
    pacing: false,
    ...overrides,
  };
}

/** Reseed the emulator so tests that write start from the demo tenant. */
export async function resetEmulator() {
  const res = await fetch(`${emulatorUrl()}/_emulator/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`reset failed: ${res.status}`);
}
