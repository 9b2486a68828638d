// The activation banner for a product that stages writes (the registry's
// `staging`; today ZIA): while the status is not ACTIVE the banner says so
// and offers the Activate button. The banner speaks for the product of the
// current view.
import { $ } from './dom.js';
import { app } from './state.js';
import { run } from './calls.js';
import { describe } from './errors.js';
import { notify } from './notice.js';
import { stagingOf, titleOf } from './products.js';

let product = null;

function show(status) {
  $('activation-status').textContent = status;
  $('activation').hidden = status === 'ACTIVE';
  // The read-only role sees the status but is offered no write.
  $('activate').hidden = app.readOnly;
}

/** The product's API object and its staging operations' method names. */
function staged() {
  const staging = stagingOf(product);
  return { api: app.client[product], activate: staging.activate, status: staging.status };
}

export async function refreshActivation(name) {
  product = name;
  const title = titleOf(name);
  $('activation-product').textContent = title;
  $('activation').setAttribute('aria-label', `${title} activation`);
  try {
    const { api, status: statusOp } = staged();
    const { status } = await run(() => api[statusOp]({}));
    show(status ?? 'UNKNOWN');
  } catch (err) {
    // The banner is advisory; a failure here must not block the view.
    if (err?.name !== 'AuthError') notify(`Could not read the ${title} activation status: ${describe(err)}`, 'error');
  }
}

export function hideActivation() {
  $('activation').hidden = true;
}

export function wireActivation() {
  const button = $('activate');
  button.addEventListener('click', async () => {
    const name = product;
    button.disabled = true;
    $('activation-status').textContent = 'ACTIVATING…';
    try {
      const { api, activate } = staged();
      const { status } = await run(() => api[activate]({}));
      show(status ?? 'ACTIVE');
      notify(`${titleOf(name)} changes are now active.`, 'ok');
    } catch (err) {
      notify(`Activation failed: ${describe(err)}`, 'error', { sticky: true });
      await refreshActivation(name);
    } finally {
      button.disabled = false;
    }
  });
}
