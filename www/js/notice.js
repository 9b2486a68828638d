// The page-wide notice line: outcomes of actions and rate-limit waits.
import { $ } from './dom.js';

let timer;

export function notify(text, kind = 'info', { sticky = false } = {}) {
  const el = $('notice');
  clearTimeout(timer);
  el.textContent = text;
  el.dataset.kind = kind;
  el.hidden = false;
  if (!sticky) timer = setTimeout(clearNotice, 6000);
}

export function clearNotice() {
  clearTimeout(timer);
  $('notice').hidden = true;
  $('notice').textContent = '';
}
