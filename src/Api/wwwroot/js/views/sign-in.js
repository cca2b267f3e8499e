// Keys mode: the page needs an API key before it can read anything. The key is checked with
// GET /api/whoami before it is kept, so a mistyped key is refused here, not by the next view.
import { api } from '../api.js';
import { saveKey, forgetKey } from '../auth.js';
import { el, setText } from '../dom.js';

/** `onSignedIn(caller)` runs with the whoami answer once a key works; `reason` says why the form is shown. */
export function signInView(main, { reason, onSignedIn }) {
  const input = el('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'api-key-help' });
  const remember = el('input', { id: 'remember-key', name: 'remember', type: 'checkbox' });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const error = el('p', { class: 'field-error', role: 'alert' });
  const form = el('form', { class: 'sign-in', onsubmit: signIn },
    el('div', { class: 'field' }, el('label', { for: 'api-key' }, 'API key'), input,
      el('p', { id: 'api-key-help', class: 'muted small' },
        'Sent as Authorization: Bearer with every request from this page. An admin creates keys with ',
        el('code', {}, 'POST /api/keys'), ' or ', el('code', {}, 'dotnet run --project src/Api -- keys create'), '.')),
    el('label', { class: 'check' }, remember, ' Remember on this device (otherwise the key is forgotten when the tab closes)'),
    error,
    el('div', { class: 'toolbar' }, submit));
  main.append(
    el('div', { class: 'page-head' }, el('h1', {}, 'Sign in')),
    el('p', {}, reason),
    form);
  input.focus();

  async function signIn(event) {
    event.preventDefault();
    setText(error, '');
    submit.disabled = true;
    saveKey(input.value.trim(), remember.checked);
    try {
      onSignedIn(await api('/api/whoami'));
    } catch (failure) {
      forgetKey();
      setText(error, failure.status === 401 ? 'The service refused this key: it is unknown or has been revoked.' : `Could not check the key. ${failure.message}`);
      input.select();
    } finally {
      submit.disabled = false;
    }
  }
}
