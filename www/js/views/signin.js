// The sign-in screen. The password goes to the backend worker only.
import { $ } from '../dom.js';
import { signIn } from '../session.js';

export function showSignIn(message = '') {
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-message').textContent = message;
  $('password').value = '';
  $('password').focus();
}

export function wireSignIn(onSignedIn) {
  const form = $('signin-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const password = $('password').value;
    const button = form.querySelector('button[type="submit"]');
    if (!password) {
      $('signin-message').textContent = 'Enter the password.';
      $('password').setAttribute('aria-invalid', 'true');
      return;
    }
    button.disabled = true;
    $('signin-message').textContent = 'Signing in…';
    const failure = await signIn(password);
    button.disabled = false;
    if (failure) {
      $('signin-message').textContent = failure;
      $('password').setAttribute('aria-invalid', 'true');
      $('password').select();
      return;
    }
    $('password').removeAttribute('aria-invalid');
    $('password').value = '';
    await onSignedIn();
  });
}
