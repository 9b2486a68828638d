// Two stripped copies of a wasm module for P3's cost split: `code` keeps
// every function but empties its body (`unreachable`), `data` keeps every
// data segment but empties it. Neither can run a call, but both load and
// instantiate like the original (wasm-bindgen's start export is an import,
// so no body runs at load), so a load-only worker on each tells what the
// module's code and its data cost a start apart from each other.
//   strip(bytes, 'code' | 'data') -> Buffer
import { leb128, WasmReader } from './wasm_reader.mjs';

/** `bytes` with every function body (`code`) or data segment (`data`) emptied. */
export function strip(bytes, what) {
  const r = new WasmReader(bytes);
  const parts = [bytes.subarray(0, 8)];
  for (const [id, end] of r.sections()) {
    let body = bytes.subarray(r.p, end);
    if (id === 10 && what === 'code') {
      const n = r.u();
      const fns = [leb128(n)];
      for (let i = 0; i < n; i++) {
        const size = r.u();
        r.p += size;
        // size 3: no locals, `unreachable`, `end`.
        fns.push(Buffer.from([3, 0, 0x00, 0x0b]));
      }
      body = Buffer.concat(fns);
    }
    if (id === 11 && what === 'data') {
      const n = r.u();
      const segs = [leb128(n)];
      for (let i = 0; i < n; i++) {
        const start = r.p;
        const flags = r.u();
        if (flags === 2) r.u(); // memory index
        if (flags !== 1) { // the offset: `i32.const N` or `global.get N`, then `end`
          r.p++;
          r.u();
          r.p++;
        }
        const head = bytes.subarray(start, r.p);
        const size = r.u();
        r.p += size;
        segs.push(head, leb128(0));
      }
      body = Buffer.concat(segs);
    }
    parts.push(Buffer.from([id]), leb128(body.length), body);
  }
  return Buffer.concat(parts);
}

/** Bytes of the whole module and of its code and data sections. */
export function sizes(bytes) {
  const code = strip(bytes, 'code');
  const data = strip(bytes, 'data');
  return { total: bytes.length, code: bytes.length - code.length, data: bytes.length - data.length };
}
