// A hand-written, accessible line chart of one time series (ZDX scores)
// and the table of the same points. No chart library: the SVG is built
// with createElementNS, every attribute the data reaches is a number the
// code computed, and every string (title, description, tick labels) is set
// as textContent, so no API value can ever become markup.
import { h } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
// The drawing's own coordinate space; CSS scales it to the container.
const W = 640;
const H = 280;
const PAD = { left: 66, right: 16, top: 16, bottom: 48 };

/** An SVG element with numeric attributes only (strings are refused). */
function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`chart attribute ${k} must be a finite number`);
    el.setAttribute(k, String(v));
  }
  if (text !== undefined) el.textContent = text;
  return el;
}

/** "14:05" in UTC, the time the table and the axis both show. */
export const clock = (epochSeconds) => new Date(epochSeconds * 1000).toISOString().slice(11, 16);

/** The points a series can draw: numeric timestamp and value, in time order. */
export function pointsOf(datapoints) {
  return (datapoints ?? [])
    .map((d) => ({ t: Number(d?.timestamp), v: Number(d?.value) }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v))
    .sort((a, b) => a.t - b.t);
}

/** The y range: ZDX scores are 0–100; anything outside widens it. */
function yRange(points) {
  const lo = Math.min(0, ...points.map((p) => p.v));
  const hi = Math.max(100, ...points.map((p) => p.v));
  return [lo, hi];
}

/**
 * The chart: `points` from pointsOf, `title` and `desc` as plain text,
 * `window` = [from, to] epoch seconds for the x axis.
 */
export function lineChart(points, { title, desc, window: [from, to], yLabel = 'Score' }) {
  const [lo, hi] = yRange(points);
  const span = Math.max(1, to - from);
  const x = (t) => PAD.left + ((t - from) / span) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);

  const root = svg('svg');
  // Four numbers of our own; CSS sizes the drawing, so no width/height.
  root.setAttribute('viewBox', `0 0 ${W} ${H}`);
  root.setAttribute('role', 'img');
  root.setAttribute('class', 'score-chart');
  root.setAttribute('aria-labelledby', 'score-chart-title score-chart-desc');
  const titleEl = svg('title', {}, title);
  titleEl.id = 'score-chart-title';
  const descEl = svg('desc', {}, desc);
  descEl.id = 'score-chart-desc';
  root.append(titleEl, descEl);

  // Horizontal grid lines and y tick labels every quarter of the range.
  const grid = svg('g');
  grid.setAttribute('class', 'grid');
  for (let i = 0; i <= 4; i += 1) {
    const v = lo + ((hi - lo) * i) / 4;
    grid.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    const label = svg('text', { x: PAD.left - 8, y: y(v) + 4 }, String(Math.round(v)));
    label.setAttribute('text-anchor', 'end');
    grid.append(label);
  }
  // X ticks at the window's start, middle and end; the end ones are
  // anchored inwards so they stay inside the drawing.
  for (const [t, anchor] of [[from, 'start'], [from + span / 2, 'middle'], [to, 'end']]) {
    const label = svg('text', { x: x(t), y: H - PAD.bottom + 18 }, clock(t));
    label.setAttribute('text-anchor', anchor);
    grid.append(label);
  }
  root.append(grid);

  // Axis titles.
  const yTitle = svg('text', { x: 14, y: PAD.top + (H - PAD.top - PAD.bottom) / 2 }, yLabel);
  yTitle.setAttribute('class', 'axis-title');
  yTitle.setAttribute('transform', `rotate(-90 14 ${PAD.top + (H - PAD.top - PAD.bottom) / 2})`);
  yTitle.setAttribute('text-anchor', 'middle');
  const xTitle = svg('text', { x: PAD.left + (W - PAD.left - PAD.right) / 2, y: H - 8 }, 'Time (UTC)');
  xTitle.setAttribute('class', 'axis-title');
  xTitle.setAttribute('text-anchor', 'middle');
  const axes = svg('path');
  axes.setAttribute('class', 'axes');
  axes.setAttribute('d', `M${PAD.left} ${PAD.top}V${H - PAD.bottom}H${W - PAD.right}`);
  root.append(yTitle, xTitle, axes);

  if (points.length > 1) {
    const line = svg('polyline');
    line.setAttribute('class', 'series');
    line.setAttribute('points', points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '));
    root.append(line);
  }
  // One marker per value, so each point can be seen (and counted).
  for (const p of points) {
    const dot = svg('circle', { cx: x(p.t), cy: y(p.v), r: 3.5 });
    dot.setAttribute('class', 'point');
    root.append(dot);
  }
  return root;
}

/** The same points as a table, for reading values and for screen readers. */
export function pointsTable(points, caption, valueLabel = 'Score') {
  return h('table', { class: 'results points' },
    h('caption', { text: caption }),
    h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Time (UTC)' }), h('th', { scope: 'col', class: 'num', text: valueLabel }))),
    h('tbody', null, points.map((p) => h('tr', null,
      h('th', { scope: 'row', text: clock(p.t) }),
      h('td', { class: 'num', text: String(p.v) })))));
}
