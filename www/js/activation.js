// The ZIA activation banner: ZIA stages every write until someone
// activates, so while the status is not ACTIVE the banner says so and
// offers the Activate button.
import { $ } from './dom.js';
import { app } from './state.js';
import { run } from './calls.js';
import { describe } from './errors.js';
import { notify } from './notice.js';

function show(status) {
  $('activation-status').textContent = status;
  $('activation').hidden = status === 'ACTIVE';
}

export async function refreshActivation() {
  try {
    const { status } = await run(() => app.client.zia.getActivationStatus({}));
    show(status ?? 'UNKNOWN');
  } catch (err) {
    // The banner is advisory; a failure here must not block the view.
    if (err?.name !== 'AuthError') notify(`Could not read the ZIA activation status: ${describe(err)}`, 'error');
  }
}

export function hideActivation() {
  $('activation').hidden = true;
}

export function wireActivation() {
  const button = $('activate');
  button.addEventListener('click', async () => {
    button.disabled = true;
    $('activation-status').textContent = 'ACTIVATING…';
    try {
      const { status } = await run(() => app.client.zia.activate({}));
      show(status ?? 'ACTIVE');
      notify('ZIA changes are now active.', 'ok');
    } catch (err) {
      notify(`Activation failed: ${describe(err)}`, 'error', { sticky: true });
      await refreshActivation();
    } finally {
      button.disabled = false;
    }
  });
}
