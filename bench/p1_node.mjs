// P1 in Node: list every ZPA application segment, `runs` times after one
// untimed warm-up, with one of three methods:
//   raw   hand-written fetch + JSON.parse, one page after another
//   floor the same loop reading each body without parsing it (page count
//         from the known total): what the emulator and the socket cost
//   iter  our async iterator (serial pages)
//   unchecked  the same with checkResponses: false (no schema check)
//   all   our listAll (parallel pages)
//   rawall  the raw loop's fetch + JSON.parse with page 1 first and then
//         every other page at once: the floor of any fan-out
// node bench/p1_node.mjs --url URL --mode raw|rawall|floor|iter|unchecked|all --pagesize N --runs R [--paced 1] [--prefetch N] [--work MS]
// Prints {"ms": [...], "items": N}.
//
// --paced 1 is P1-L (the emulator adds latency to every page): our client
// keeps its default options, so pacing is on, and every timed walk starts
// with a new client, whose pacing budget (20 ZPA GETs per 10 s) does not
// still hold the warm-up's GETs. A new client fetches its own token, so the
// raw loop's timed walks fetch a new token too.
import { performance } from 'node:perf_hooks';
import { clientOptions, flags, loadClient, pacedClientOptions, rawPageFetcher } from './lib.mjs';

const f = flags();
const base = f.url;
const pagesize = Number(f.pagesize);
const runs = Number(f.runs ?? 5);
const paced = f.paced === '1';
// --prefetch N: the iterator's look-ahead, for choosing its default.
const prefetch = f.prefetch ? { prefetch: Number(f.prefetch) } : undefined;
// --work MS: the iterator's caller awaits a timer of MS every 100 items, as
// a script doing something per item would; shows whether pages read ahead
// progress while the caller is busy.
const work = Number(f.work ?? 0);
const busy = () => new Promise((r) => setTimeout(r, work));

async function rawMethod(parse) {
  let get = await rawPageFetcher(base, pagesize);
  const first = JSON.parse(await (await get(1)).text());
  const total = Number(first.totalCount);
  return async () => {
    if (paced) get = await rawPageFetcher(base, pagesize);
    let n = 0;
    for (let page = 1, pages = 1; page <= pages; page++) {
      const res = await get(page);
      if (!res.ok) throw new Error(`page ${page}: HTTP ${res.status}`);
      if (parse) {
        const body = JSON.parse(await res.text());
        pages = Number(body.totalPages);
        n += (body.list ?? []).length;
      } else {
        await res.arrayBuffer();
        pages = Math.ceil(total / pagesize);
        n = Math.min(total, page * pagesize);
      }
    }
    return n;
  };
}

async function clientMethod(mode) {
  const ZscalerClient = await loadClient();
  const options = { ...(paced ? pacedClientOptions(base) : clientOptions(base)), checkResponses: mode !== 'unchecked' };
  let zpa = new ZscalerClient(options).zpa;
  // The warm-up walk uses the first client; with --paced every later walk
  // gets its own.
  let walks = 0;
  const client = () => {
    if (paced && walks++ > 0) zpa = new ZscalerClient(options).zpa;
    return zpa;
  };
  if (mode === 'all') return async () => (await client().listAllApplicationSegments({ pagesize })).length;
  return async () => {
    const zpa = client();
    let n = 0;
    for await (const _ of zpa.iterApplicationSegments({ pagesize }, prefetch)) {
      if (++n % 100 === 0 && work > 0) await busy();
    }
    return n;
  };
}

/** Page 1, then all the others at once, each parsed as it arrives; no
 * pacing, no checks, no budget: what a fan-out costs at the least. */
async function rawParallelMethod() {
  let get = await rawPageFetcher(base, pagesize);
  const page = async (n) => {
    const res = await get(n);
    if (!res.ok) throw new Error(`page ${n}: HTTP ${res.status}`);
    return JSON.parse(await res.text());
  };
  return async () => {
    if (paced) get = await rawPageFetcher(base, pagesize);
    const first = await page(1);
    const rest = Array.from({ length: Number(first.totalPages) - 1 }, (_, i) => page(i + 2));
    return [first, ...(await Promise.all(rest))].flatMap((p) => p.list ?? []).length;
  };
}

const once = ['raw', 'floor'].includes(f.mode)
  ? await rawMethod(f.mode === 'raw')
  : f.mode === 'rawall' ? await rawParallelMethod() : await clientMethod(f.mode);
const items = await once();
const ms = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const n = await once();
  ms.push(performance.now() - t);
  if (n !== items) throw new Error(`run ${i}: ${n} items, expected ${items}`);
}
console.log(JSON.stringify({ ms, items }));
