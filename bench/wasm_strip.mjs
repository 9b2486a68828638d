// Two stripped copies of a wasm module for P3's cost split: `code` keeps
// every function but empties its body (`unreachable`), `data` keeps every
// data segment but empties it. Neither can run a call, but both load and
// instantiate like the original (wasm-bindgen's start export is an import,
// so no body runs at load), so a load-only worker on each tells what the
// module's code and its data cost a start apart from each other.
//   strip(bytes, 'code' | 'data') -> Buffer

/** `bytes` with every function body (`code`) or data segment (`data`) emptied. */
export function strip(bytes, what) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = bytes[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  const enc = (n) => {
    const out = [];
    do {
      let x = n % 128;
      n = Math.floor(n / 128);
      if (n) x |= 0x80;
      out.push(x);
    } while (n);
    return Buffer.from(out);
  };
  const parts = [bytes.subarray(0, 8)];
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    const end = p + len;
    let body = bytes.subarray(p, end);
    if (id === 10 && what === 'code') {
      const n = leb();
      const fns = [enc(n)];
      for (let i = 0; i < n; i++) {
        const size = leb(); // read before `p +=` reads p
        p += size;
        // size 3: no locals, `unreachable`, `end`.
        fns.push(Buffer.from([3, 0, 0x00, 0x0b]));
      }
      body = Buffer.concat(fns);
    }
    if (id === 11 && what === 'data') {
      const n = leb();
      const segs = [enc(n)];
      for (let i = 0; i < n; i++) {
        const start = p;
        const flags = leb();
        if (flags === 2) leb(); // memory index
        if (flags !== 1) { // the offset: `i32.const N` or `global.get N`, then `end`
          p++;
          leb();
          p++;
        }
        const head = bytes.subarray(start, p);
        const size = leb();
        p += size;
        segs.push(head, enc(0));
      }
      body = Buffer.concat(segs);
    }
    parts.push(Buffer.from([id]), enc(body.length), body);
    p = end;
  }
  return Buffer.concat(parts);
}

/** Bytes of the whole module and of its code and data sections. */
export function sizes(bytes) {
  const code = strip(bytes, 'code');
  const data = strip(bytes, 'data');
  return { total: bytes.length, code: bytes.length - code.length, data: bytes.length - data.length };
}
