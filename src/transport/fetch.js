// The JS half of the fetch transport (fetch.rs): one request from the call
// to the last body byte, so the Rust side awaits one promise per request.
// Each promise awaited from wasm costs two closures and a turn of
// wasm-bindgen's task queue, and reading the body from Rust awaited one per
// chunk plus one for its end.
//
// `fetchFn` is the caller's `fetch` option, or undefined for the global one.
// Resolves to [status, headerLines, chunks, total]: every header as
// `name\nvalue\n` (a Headers object refuses line breaks, so the split is
// exact), the body's chunks as the stream gave them (not joined: a joined
// copy is one more page-sized buffer outside the JS heap, which lives until
// a later GC), and their byte count. Past `limit` bytes, declared or read,
// the body is cancelled and `chunks` is null. Resolves to null when the
// fetch answered something that is not a Response.
export async function exchange(fetchFn, url, init, limit) {
  const resp = await (fetchFn === undefined ? fetch(url, init) : fetchFn(url, init));
  if (!(resp instanceof Response)) return null;
  let lines = '';
  for (const [name, value] of resp.headers) lines += name + '\n' + value + '\n';
  const tooLarge = [resp.status, lines, null, 0];
  const declared = resp.headers.get('content-length');
  if (declared !== null && /^[ \t]*\d+[ \t]*$/.test(declared) && Number(declared) > limit) {
    resp.body?.cancel().catch(() => {});
    return tooLarge;
  }
  const chunks = [];
  let total = 0;
  if (resp.body) {
    const reader = resp.body.getReader();
    // Cancelling frees the connection instead of draining the rest. An
    // abort (the call's time is up, or the Rust side dropped the call, as a
    // walk does when its caller breaks out) cancels the reading even when a
    // caller's fetch did not tie its body to the signal.
    const cancel = () => reader.cancel().catch(() => {});
    const { signal } = init;
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal.aborted) throw signal.reason;
        if (done) break;
        if (!(value instanceof Uint8Array)) throw new TypeError('a body chunk is not bytes');
        total += value.length;
        if (total > limit) {
          cancel();
          return tooLarge;
        }
        chunks.push(value);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }
  return [resp.status, lines, chunks, total];
}
