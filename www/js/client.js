// The wasm client, pointed at the backend worker. The browser holds no
// token: the worker adds it, recognising our calls by the session cookie
// and the x-requested-with header that backendSession adds.
import init, { ZscalerClient } from '/pkg/zscaler_wasm.js';

let loading;

export function loadWasm() {
  loading ??= init();
  return loading;
}

export function makeClient(customerId) {
  const options = {
    baseUrl: `${location.origin}/api`,
    customerId,
    // One attempt: the page shows rate limits and retries them itself, so
    // the user sees "retrying in N s" instead of a silent wait.
    maxAttempts: 1,
  };
  return new ZscalerClient({ ...options, backendSession: true });
}
