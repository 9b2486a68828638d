// The P1-L part of BENCHMARKS.md (listing with latency, bench/out/p1l.json):
// its section, its goal rows, and splicing both into an existing
// BENCHMARKS.md, so P1-L can be measured and reported alone
// (`node bench/report.mjs --only p1l`) without wiping the other sections.
import { median } from './lib.mjs';

const SECTION = '## P1-L: listing with latency';

/** The section's lines and its goal rows as [name, target, measured, ok].
 * `fmt` holds report.mjs's number formats ({ ms, x }); `note` is an extra
 * paragraph (when the section is spliced in from a separate run). */
export function p1lSection(p1l, { ms, x }, note) {
  const lines = [];
  const goals = [];
  const items = p1l.rows[0].items;
  const pages = Math.ceil(items / p1l.pagesize);
  const latencies = [...new Set(p1l.rows.map((r) => r.latency))];
  lines.push(SECTION, '',
    `The walk of P1 at pagesize ${p1l.pagesize} with the emulator adding a fixed delay to every page GET of the`,
    `segment listing (a fault rule on its path; the token call is not delayed), as a real tenant's network and`,
    `server time would. The emulator holds ${items.toLocaleString('en')} segments (\`--seed empty --bulk zpa.applications=10000\`),`,
    `${pages} pages: exactly ZPA's documented budget of 20 GETs per 10 s, so a paced walk need not wait for its window.`,
    'Every client runs with its **default options: pacing on** (the emulator\'s own rate limits are off, since they',
    'count per tenant across processes). Each client runs in a fresh process per round, lists all segments once',
    'untimed with one client, then once timed with a **new** client, whose pacing budget is full and which fetches',
    'its own token (not delayed); the raw loop and the Python SDK fetch a new token for their timed walk too.',
    `The clients take turns over ${p1l.runs} rounds; medians. The harness checks that every page of both walks was delayed.`,
    `A serial walk waits at least ${pages} × the delay.`, '');
  if (p1l.load) lines.push(`Load average (1 min) at the start and end of the P1-L run (which first waits up to two minutes for it to fall below 0.5): ${p1l.load.map((l) => l.toFixed(1)).join(' and ')}.`, '');
  if (note) lines.push(note, '');
  for (const latency of latencies) {
    const rows = p1l.rows.filter((r) => r.latency === latency).map((r) => ({ ...r, med: median(r.ms) }));
    const raw = rows.find((r) => r.method.startsWith('raw')).med;
    const python = rows.find((r) => r.method.includes('python')).med;
    lines.push(`### ${latency} ms per page (serial floor ${pages * latency} ms)`, '',
      '| client | median ms | rounds, fastest–slowest ms | ÷ raw serial loop | × faster than the Python SDK |', '|---|---:|---:|---:|---:|');
    // The spread says whether a ratio near its goal is decided by the
    // client or by the rounds the machine happened to give it.
    const spread = (v) => `${ms(Math.min(...v))}–${ms(Math.max(...v))}`;
    for (const r of rows) lines.push(`| ${r.method} | ${ms(r.med)} | ${spread(r.ms)} | ${x(r.med / raw)} | ${x(python / r.med)} |`);
    lines.push('');
    const floor = rows.find((r) => r.method.startsWith('fan-out floor'));
    const listAll = rows.find((r) => r.method.includes('listAll'));
    if (floor && listAll) {
      lines.push(`\`listAll\` takes ${x(listAll.med / floor.med)} the fan-out floor's time; the floor itself is ${x(floor.med / raw)} the raw serial loop's.`, '');
    }
    if (latency !== 40) continue;
    const iter = rows.find((r) => r.method.includes('iterator (Node')).med;
    const all = listAll.med;
    // Three decimals: these ratios sit near their goals, where two would
    // print a miss as the goal's own figure.
    const x3 = (r) => `${r.toFixed(3)}×`;
    goals.push(['P1-L at 40 ms: listAll ÷ raw serial loop', '≤ 0.2×', x3(all / raw), all / raw <= 0.2]);
    goals.push(['P1-L at 40 ms: iterator ÷ raw serial loop', '≤ 0.35×', x3(iter / raw), iter / raw <= 0.35]);
    goals.push(['P1-L at 40 ms: listAll vs Python SDK', '≥ 8× faster', x(python / all), python / all >= 8]);
  }
  return { lines, goals };
}

/** `markdown` (a BENCHMARKS.md) with its P1-L section replaced by
 * `lines` (or inserted before P2, else before the goals) and its P1-L goal
 * rows replaced by `goalRows` (or inserted after the last P1 goal). */
export function spliceP1L(markdown, lines, goalRows) {
  let md = markdown.split('\n');
  const start = md.indexOf(SECTION);
  if (start >= 0) {
    let end = start + 1;
    while (end < md.length && !md[end].startsWith('## ')) end++;
    md.splice(start, end - start, ...lines);
  } else {
    let at = md.findIndex((l) => l.startsWith('## P2'));
    if (at < 0) at = md.indexOf('## Goals');
    if (at < 0) throw new Error('BENCHMARKS.md has neither a P2 nor a Goals section to put P1-L before');
    md.splice(at, 0, ...lines);
  }
  md = md.filter((l) => !l.startsWith('| P1-L '));
  const goalsAt = md.indexOf('## Goals');
  if (goalsAt < 0) throw new Error('BENCHMARKS.md has no Goals section');
  let at = goalsAt;
  while (at < md.length && !md[at].startsWith('|---')) at++;
  for (let i = at + 1; i < md.length && md[i].startsWith('|'); i++) if (md[i].startsWith('| P1 ')) at = i;
  md.splice(at + 1, 0, ...goalRows);
  return md.join('\n');
}
