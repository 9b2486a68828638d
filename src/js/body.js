// The bytes of a checked answer to a JS value. Both steps stay in JS, so
// the decoded text (as large as the page) never takes a slot in wasm's
// reference table, where it would outlive the call.
const decoder = new TextDecoder();

export function parseBytes(bytes) {
  return JSON.parse(decoder.decode(bytes));
}
