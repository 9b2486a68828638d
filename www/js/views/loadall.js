// "Load all": stream every page into the table with a progress bar and a
// Cancel button. Cancel stops at once, even mid-request, by racing the
// iterator and then closing it (which aborts what is in flight).
import { h } from '../dom.js';

const CANCELLED = Symbol('cancelled');

/**
 * Runs the iteration; calls onItems(itemsSoFar) after each page's worth.
 * Resolves to { items, cancelled, error }.
 */
export function loadAll(container, source, { total, noun, onItems }) {
  let cancel;
  const cancelled = new Promise((ok) => { cancel = () => ok(CANCELLED); });
  const bar = h('progress', { id: 'load-progress', 'aria-label': `Loading all ${noun}` });
  if (total > 0) bar.max = total;
  const label = h('span', { class: 'progress-text', 'aria-live': 'polite' });
  const stop = h('button', { type: 'button', onclick: () => cancel() }, 'Cancel');
  container.replaceChildren(bar, label, stop);
  container.hidden = false;

  const items = [];
  const show = () => {
    if (total > 0) bar.value = Math.min(items.length, total);
    label.textContent = total > 0 ? `Loaded ${items.length} of ${total}` : `Loaded ${items.length}…`;
  };
  show();

  return (async () => {
    const it = source[Symbol.asyncIterator]();
    let outcome = { cancelled: false, error: null };
    let sinceRender = 0;
    try {
      for (;;) {
        const step = await Promise.race([it.next(), cancelled]);
        if (step === CANCELLED) {
          outcome.cancelled = true;
          it.return?.().catch(() => {});
          break;
        }
        if (step.done) break;
        items.push(step.value);
        sinceRender += 1;
        show();
        if (sinceRender >= 20) {
          sinceRender = 0;
          onItems(items);
        }
      }
    } catch (err) {
      outcome.error = err;
    }
    onItems(items);
    container.hidden = true;
    return { items, ...outcome };
  })();
}
