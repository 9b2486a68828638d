// P4: RSS growth while walking every ZPA application segment, in a fresh
// process per mode:
//   iter  the async iterator, keeping only a count
//   all   listAll, keeping the whole array
//   raw   the peer: a hand-written fetch + JSON.parse loop, keeping a count
// node --expose-gc bench/p4_memory.mjs --url URL --mode iter|all|raw --pagesize 500
// With --live 1 (iter only), a full GC at the middle and end of each page records the
// heap that is still reachable ("liveGrowth"), i.e. the pages resident; it
// slows the walk, so RSS figures come from runs without it.
// Prints {"base", "peak", "growth", "heapGrowth", "liveGrowth", "liveAfter",
// "resident", "buffers", "items"} in bytes; "buffers" is the peak growth of
// memory held by ArrayBuffers (Node's fetch bodies), outside the JS heap. "base" is
// the RSS after loading the wasm and fetching one page (token, pools and
// JIT warm), so growth is what the walk itself holds.
import { clientOptions, flags, loadClient, rawPageFetcher } from './lib.mjs';

const f = flags();
const pagesize = Number(f.pagesize ?? 500);
const ZscalerClient = await loadClient();
const zpa = new ZscalerClient(clientOptions(f.url)).zpa;
const get = await rawPageFetcher(f.url, pagesize);
const rawPage = async (page) => {
  const res = await get(page);
  if (!res.ok) throw new Error(`page ${page}: HTTP ${res.status}`);
  return JSON.parse(await res.text());
};
// Both clients warm (wasm loaded, token, connection, JIT) in every mode.
await zpa.listApplicationSegments({ page: 1, pagesize });
await rawPage(1);
globalThis.gc?.();
const start = process.memoryUsage();
const base = start.rss;
const heapBase = start.heapUsed;
let peak = base;
let heapPeak = heapBase;
let bufPeak = start.arrayBuffers;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  bufPeak = Math.max(bufPeak, m.arrayBuffers);
};
const timer = setInterval(sample, 5);

const live = f.live === '1';
let liveGrowth = 0;
let items = 0;
let kept;
if (f.mode === 'all') {
  kept = await zpa.listAllApplicationSegments({ pagesize });
  items = kept.length;
} else if (f.mode === 'raw') {
  for (let page = 1, pages = 1; page <= pages; page++) {
    const body = await rawPage(page);
    pages = Number(body.totalPages);
    for (const _ of body.list ?? []) if (++items % (pagesize / 2) === 0) sample();
  }
} else {
  for await (const _ of zpa.iterApplicationSegments({ pagesize })) {
    // Sampling by count too: a fast loop may starve the timer. Both the
    // middle and the end of each page, since what is held differs.
    if (++items % (pagesize / 2) !== 0) continue;
    sample();
    if (live) {
      globalThis.gc();
      liveGrowth = Math.max(liveGrowth, process.memoryUsage().heapUsed - heapBase);
    }
  }
}
sample();
clearInterval(timer);
// The heap keeps growing through a walk with code V8 compiles on the way
// and Node's fetch timing entries, which outlive it; the live heap once
// the walk is over holds those and no page, so residency is measured
// against it rather than against the heap before the walk.
let liveAfter = 0;
if (live) {
  globalThis.gc();
  await new Promise((r) => setTimeout(r, 20));
  globalThis.gc();
  liveAfter = process.memoryUsage().heapUsed - heapBase;
}
console.log(JSON.stringify({
  base, peak, growth: peak - base, heapGrowth: heapPeak - heapBase, liveGrowth, liveAfter,
  resident: liveGrowth - liveAfter, buffers: bufPeak - start.arrayBuffers, items, kept: kept ? kept.length : 0,
}));
