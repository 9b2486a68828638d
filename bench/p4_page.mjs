// P4 helper: the heap one parsed page of `pagesize` segments occupies, to
// express the iterator's heap growth in pages.
// node --expose-gc bench/p4_page.mjs --url URL --pagesize 500  ->  {"pageHeap": bytes}
import { clientOptions, flags, loadClient } from './lib.mjs';

const f = flags();
const pagesize = Number(f.pagesize ?? 500);
const ZscalerClient = await loadClient();
const zpa = new ZscalerClient(clientOptions(f.url)).zpa;
await zpa.listApplicationSegments({ page: 1, pagesize });
const pages = [];
globalThis.gc();
const before = process.memoryUsage().heapUsed;
// Several pages, so the per-page figure is not lost in the heap's noise.
for (let p = 2; p <= 6; p++) pages.push(await zpa.listApplicationSegments({ page: p, pagesize }));
globalThis.gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ pageHeap: Math.round((after - before) / pages.length) }));
