// Start-up: load the wasm client, ask the backend whether we are signed
// in, then show either the sign-in screen or the console.
import { $, h } from './dom.js';
import { app } from './state.js';
import { loadWasm, makeClient } from './client.js';
import { getSession, signOut } from './session.js';
import { showSignIn, wireSignIn } from './views/signin.js';
import { wireActivation } from './activation.js';
import { clearNotice } from './notice.js';
import { ACTIVITY, render } from './router.js';
import { loadProducts, renderNav } from './products.js';
import { RESOURCES } from './resources/index.js';
import { describe } from './errors.js';

async function enter(session) {
  app.session = session;
  app.client = makeClient(session.customerId);
  $('who').textContent = `Tenant ${session.customerId ?? ''}${session.readOnly ? ' · read-only' : ''}`;
  $('signin').hidden = true;
  $('app').hidden = false;
  await render();
}

async function onSignedIn() {
  const session = await getSession();
  if (!session.authenticated) return showSignIn('Signed in, but the server did not keep the session. Are cookies allowed?');
  await enter(session);
}

function leave(message) {
  app.session = null;
  app.client?.free?.();
  app.client = null;
  clearNotice();
  showSignIn(message);
}

async function main() {
  wireSignIn(onSignedIn);
  wireActivation();
  $('signout').addEventListener('click', async () => {
    await signOut();
    leave('You are signed out.');
  });
  window.addEventListener('session-expired', () => {
    if (app.session) leave('Your session has expired. Sign in again to continue.');
  });
  window.addEventListener('hashchange', () => { if (app.session) render(); });
  await Promise.all([loadWasm(), loadProducts()]);
  renderNav(RESOURCES);
  // The audit trail of writes, after the products' views.
  $('nav').append(h('div', { class: 'nav-group' },
    h('span', { class: 'nav-product', text: 'Audit' }), h('a', { href: `#/${ACTIVITY}`, text: 'Activity' })));
  const session = await getSession();
  if (session.authenticated) await enter(session);
  else showSignIn();
}

main().catch((err) => {
  document.body.dataset.failed = 'true';
  showSignIn(`The console could not start: ${describe(err)}`);
});
