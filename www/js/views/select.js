// Multi-select removal for a list whose resource has `removal` (ZCC
// devices): a checkbox per row, and one button that asks, stating how
// many will go, before it calls the resource's removal with them all.
import { h } from '../dom.js';
import { app } from '../state.js';
import { run } from '../calls.js';
import { describe } from '../errors.js';
import { notify } from '../notice.js';
import { confirmAction } from '../confirm.js';

/** The selection and its button; onDone runs after a removal succeeded. */
export function bulkRemoval(resource, onDone) {
  const { removal } = resource;
  const chosen = new Map(); // id → item
  const button = h('button', { type: 'button', class: 'danger bulk', disabled: true });
  const update = () => {
    button.disabled = chosen.size === 0;
    button.textContent = `${removal.verb} selected${chosen.size ? ` (${chosen.size})` : ''}`;
  };
  update();

  button.addEventListener('click', async () => {
    const items = [...chosen.values()];
    if (!(await confirmAction(removal.confirm(items), removal.verb))) return;
    button.disabled = true;
    try {
      const result = await run(() => removal.run(app.client, items));
      notify(removal.done(items, result), 'ok');
      chosen.clear();
      onDone();
    } catch (err) {
      notify(`Could not ${removal.verb.toLowerCase()} the selected ${resource.noun}: ${describe(err)}`, 'error', { sticky: true });
      update();
    }
  });

  const selection = {
    has: (item) => chosen.has(resource.idOf(item)),
    set(item, on) {
      if (on) chosen.set(resource.idOf(item), item);
      else chosen.delete(resource.idOf(item));
      update();
    },
  };
  return { button, selection };
}
