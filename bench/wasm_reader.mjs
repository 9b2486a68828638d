// Reading a wasm binary section by section, for the bench tools that look
// inside our module (bench/p3_lazy.mjs names its functions,
// bench/wasm_strip.mjs empties its code or data).

/** A position in a wasm binary, past its 8-byte header to begin with. */
export class WasmReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.p = 8;
  }

  /** The unsigned LEB128 number at the position, which moves past it. A
   * length must be read into a variable first: `r.p += r.u()` adds it to
   * the position as it was before the number. */
  u() {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = this.bytes[this.p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  }

  /** Each section as `[id, end]`, the position at the start of its body;
   * the next one is read from `end` whatever the caller read of this one. */
  * sections() {
    while (this.p < this.bytes.length) {
      const id = this.bytes[this.p++];
      const len = this.u();
      const end = this.p + len;
      yield [id, end];
      this.p = end;
    }
  }
}

/** `n` as an unsigned LEB128 number. */
export function leb128(n) {
  const out = [];
  do {
    let x = n % 128;
    n = Math.floor(n / 128);
    if (n) x |= 0x80;
    out.push(x);
  } while (n);
  return Buffer.from(out);
}
