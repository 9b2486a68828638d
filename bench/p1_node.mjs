// P1 in Node: list every ZPA application segment, `runs` times after one
// untimed warm-up, with one of three methods:
//   raw   hand-written fetch + JSON.parse, one page after another
//   floor the same loop reading each body without parsing it (page count
//         from the known total): what the emulator and the socket cost
//   iter  our async iterator (serial pages)
//   unchecked  the same with checkResponses: false (no schema check)
//   all   our listAll (parallel pages)
// node bench/p1_node.mjs --url URL --mode raw|floor|iter|unchecked|all --pagesize N --runs R
// Prints {"ms": [...], "items": N}.
import { performance } from 'node:perf_hooks';
import { clientOptions, flags, loadClient, rawPageFetcher } from './lib.mjs';

const f = flags();
const base = f.url;
const pagesize = Number(f.pagesize);
const runs = Number(f.runs ?? 5);

async function rawMethod(parse) {
  const get = await rawPageFetcher(base, pagesize);
  const first = JSON.parse(await (await get(1)).text());
  const total = Number(first.totalCount);
  return async () => {
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
  const options = { ...clientOptions(base), checkResponses: mode !== 'unchecked' };
  const zpa = new ZscalerClient(options).zpa;
  if (mode === 'all') return async () => (await zpa.listAllApplicationSegments({ pagesize })).length;
  return async () => {
    let n = 0;
    for await (const _ of zpa.iterApplicationSegments({ pagesize })) n++;
    return n;
  };
}

const once = ['raw', 'floor'].includes(f.mode) ? await rawMethod(f.mode === 'raw') : await clientMethod(f.mode);
const items = await once();
const ms = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const n = await once();
  ms.push(performance.now() - t);
  if (n !== items) throw new Error(`run ${i}: ${n} items, expected ${items}`);
}
console.log(JSON.stringify({ ms, items }));
