// A modal confirmation that names what is about to happen.
import { $ } from './dom.js';

export function confirmAction(text, actionLabel) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = actionLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    // The safe choice gets the focus, so Enter does not delete.
    dialog.querySelector('button[value="cancel"]').focus();
  });
}
