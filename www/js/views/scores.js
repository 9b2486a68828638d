// One ZDX application: its fields and its score over the default time
// window (the last 2 hours) as a line chart with a table of the same
// points beside it. The resource supplies the calls (`get`, `series`).
import { h, jsonText, routeHref } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { cellText } from './table.js';
import { errorState } from './list.js';
import { lineChart, pointsOf, pointsTable, clock } from './chart.js';

// ZDX's default report window is the last 2 hours.
export const WINDOW_SECONDS = 2 * 60 * 60;

export function defaultWindow(now = Date.now()) {
  const to = Math.floor(now / 1000);
  return [to - WINDOW_SECONDS, to];
}

export async function scoresView(main, resource, id, isCurrent) {
  const back = h('a', { class: 'back', href: routeHref(resource.product, resource.name) }, `← ${resource.title}`);
  main.replaceChildren(h('section', { class: 'view' }, back, h('p', { class: 'muted' }, 'Loading…')));
  const window = defaultWindow();
  let item;
  let series;
  try {
    [item, series] = await Promise.all([
      run(() => resource.get(app.client, id, window)),
      run(() => resource.series(app.client, id, window)),
    ]);
  } catch (err) {
    if (isCurrent()) main.replaceChildren(h('section', { class: 'view' }, back, errorState(`Could not load this ${resource.singular}.`, err)));
    return;
  }
  if (!isCurrent()) return;
  const name = resource.nameOf(item);
  const points = pointsOf(series?.datapoints);
  const rows = [
    ...resource.columns.slice(1).map((c) => [c.label, cellText(c, item)]),
    ...resource.detail.map(([label, value]) => [label, value(item)]),
    ['ID', resource.idOf(item)],
  ];
  const span = `${clock(window[0])}–${clock(window[1])} UTC`;
  const desc = points.length
    ? `${points.length} scores from ${clock(points[0].t)} to ${clock(points.at(-1).t)} UTC, lowest ${Math.min(...points.map((p) => p.v))}, highest ${Math.max(...points.map((p) => p.v))}.`
    : 'No scores in this window.';
  const chartTitle = `${name}: score, last 2 hours`;
  main.replaceChildren(h('section', { class: 'view' },
    back,
    h('div', { class: 'view-head' },
      h('h1', { tabindex: -1 }, h('span', { class: 'product' }, resource.productLabel), ' ', name)),
    h('dl', { class: 'fields' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value || '—')])),
    h('h2', { class: 'section-title', text: `Score over the last 2 hours (${span})` }),
    points.length
      ? h('div', { class: 'chart-pair' },
        h('figure', { class: 'chart' }, lineChart(points, { title: chartTitle, desc, window })),
        h('div', { class: 'table-wrap' }, pointsTable(points, `Scores of ${name}, ${span}`)))
      : h('p', { class: 'empty', text: `No scores for ${name} in the last 2 hours.` }),
    h('details', { class: 'raw' }, h('summary', null, 'All fields (JSON)'),
      h('pre', null, jsonText({ application: item, score: series }, 2)))));
}
