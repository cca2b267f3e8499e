// Hash routes: #/jobs, #/jobs/{id}, #/compare?jobs=a,b, #/new, #/studies, #/studies/{id}. Each view mounts into <main> and returns
// a cleanup function (closes its event stream, stops its timers) that runs before the next view.
// In keys mode the page first asks who it is (GET /api/whoami); without a working key it shows the
// sign-in form in place of the view, and any later 401 (a revoked key) brings the form back.
import { api } from './api.js';
import { forgetKey, UNAUTHORIZED_EVENT } from './auth.js';
import { el } from './dom.js';
import { signInView } from './views/sign-in.js';
import { jobsView } from './views/jobs.js';
import { jobView } from './views/job.js';
import { compareView } from './views/compare.js';
import { editorView } from './views/editor.js';
import { studiesView } from './views/studies.js';
import { studyView } from './views/study.js';

const routes = [
  { pattern: /^\/jobs\/([0-9a-fA-F-]{36})$/, nav: 'jobs', view: (main, query, [id]) => jobView(main, id) },
  { pattern: /^\/studies\/([0-9a-fA-F-]{36})$/, nav: 'studies', view: (main, query, [id]) => studyView(main, id) },
  { pattern: /^\/studies$/, nav: 'studies', view: main => studiesView(main) },
  { pattern: /^\/compare$/, nav: 'compare', view: (main, query) => compareView(main, query) },
  { pattern: /^\/new$/, nav: 'new', view: main => editorView(main) },
  { pattern: /^\/(jobs)?$/, nav: 'jobs', view: (main, query) => jobsView(main, query) },
];

const main = document.getElementById('view');
const identity = document.getElementById('identity');
let cleanup = null;
let lastPath = null;
let signInReason = null;

function showIdentity(caller) {
  identity.replaceChildren();
  if (caller?.authMode !== 'keys') return;
  identity.append(el('span', {}, `Key: ${caller.name} (${caller.scope}, owner ${caller.owner})`), ' ',
    el('button', { type: 'button', class: 'link-button', onclick: () => { forgetKey(); askForKey('Signed out.'); } }, 'Sign out'));
}

function askForKey(reason) {
  signInReason = reason;
  showIdentity(null);
  render();
}

function render() {
  if (signInReason) {
    if (cleanup) cleanup();
    cleanup = null;
    main.replaceChildren();
    signInView(main, { reason: signInReason, onSignedIn: caller => { signInReason = null; showIdentity(caller); lastPath = null; render(); } });
    return;
  }
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const route = routes.find(r => r.pattern.test(path || '/'));
  const routePath = path || '/';
  // Focus moves to the new heading on navigation (not on the first load, where Tab starts at the skip
  // link); back/forward within one view's query states keeps it where it is.
  const moveFocus = lastPath !== null && lastPath !== path;
  lastPath = path;
  if (cleanup) cleanup();
  main.replaceChildren();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (route?.nav === link.dataset.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!route) {
    main.append(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
    cleanup = null;
    return;
  }
  cleanup = route.view(main, query, routePath.match(route.pattern).slice(1)) ?? null;
  if (moveFocus) {
    const heading = main.querySelector('h1');
    if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); window.scrollTo(0, 0); }
  }
}

window.addEventListener('hashchange', render);
window.addEventListener(UNAUTHORIZED_EVENT, () => {
  if (!signInReason) askForKey('The service refused the key this page held (revoked or unknown). Sign in again.');
});
api('/api/whoami')
  .then(showIdentity, error => { if (error.status === 401) signInReason = 'This service runs in keys mode: sign in with an API key to see its jobs.'; })
  .finally(render);

// The skip link must not change the hash (the hash is the route): move the focus by hand.
document.querySelector('.skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
