// The bytes of a checked answer to a JS value. Both steps stay in JS, so
// the decoded text (as large as the page) never takes a slot in wasm's
// reference table, where it would outlive the call.
const decoder = new TextDecoder();

export function parseBytes(bytes) {
  return JSON.parse(decoder.decode(bytes));
}

// The same for a body whose integers beyond 2^53 - 1 the Rust side wrote as
// strings behind the control character `mark`, which no other string of
// the body holds: those become BigInts, so no digit is lost.
export function parseWide(bytes, mark) {
  return JSON.parse(decoder.decode(bytes), (key, value) => (
    typeof value === 'string' && value.charCodeAt(0) === mark ? BigInt(value.slice(1)) : value));
}

// A caller's arguments or options to JSON text. JSON has no BigInt: each one
// is first written as a string behind MARK, then that string is replaced by
// the bare digits. A string or key holding MARK is refused, so every MARK
// in the text is one of ours.
const MARK = '\u0000bigint:';
const MARKED = /"\\u0000bigint:(-?\d+)"/g;

export function stringifyArgs(value) {
  let marked = false;
  const text = JSON.stringify(value, (key, v) => {
    if (key.includes(MARK) || (typeof v === 'string' && v.includes(MARK))) {
      throw new TypeError(`a string holds ${JSON.stringify(MARK)}, which marks a BigInt`);
    }
    if (typeof v !== 'bigint') return v;
    // No Zscaler field holds more, and the Rust side would round a wider one.
    if (v > 0xffffffffffffffffn || v < -0x8000000000000000n) {
      throw new RangeError(`BigInt ${v} does not fit in 64 bits`);
    }
    marked = true;
    return MARK + v;
  });
  return marked ? text.replace(MARKED, '$1') : text;
}
