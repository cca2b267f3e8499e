// Hash routes: #/jobs, #/jobs/{id}, #/compare?jobs=a,b, #/new. Each view mounts into <main> and returns
// a cleanup function (closes its event stream, stops its timers) that runs before the next view.
import { jobsView } from './views/jobs.js';
import { jobView } from './views/job.js';
import { compareView } from './views/compare.js';
import { editorView } from './views/editor.js';

const routes = [
  { pattern: /^\/jobs\/([0-9a-fA-F-]{36})$/, nav: 'jobs', view: (main, query, [id]) => jobView(main, id) },
  { pattern: /^\/compare$/, nav: 'compare', view: (main, query) => compareView(main, query) },
  { pattern: /^\/new$/, nav: 'new', view: main => editorView(main) },
  { pattern: /^\/(jobs)?$/, nav: 'jobs', view: (main, query) => jobsView(main, query) },
];

const main = document.getElementById('view');
let cleanup = null;
let lastPath = null;

function render() {
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
render();

// The skip link must not change the hash (the hash is the route): move the focus by hand.
document.querySelector('.skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
