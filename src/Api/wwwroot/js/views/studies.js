// #/studies: every study, newest first, refreshed while any of them runs.
import { api } from '../api.js';
import { el, clear, statusBadge, notice, shortId } from '../dom.js';
import { formatTime, isActive } from '../format.js';

export function studiesView(main) {
  let disposed = false, timer = null;
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  main.append(
    el('div', { class: 'page-head' }, el('h1', {}, 'Studies')),
    el('p', { class: 'muted' }, 'A study trains every combination of its factors on the same seeds and ranks the arms with confidence intervals and paired tests. Start one with ',
      el('code', {}, 'POST /api/studies'), ' or the Python client\'s ', el('code', {}, 'create_study'), '.'),
    body);

  async function refresh() {
    try {
      const studies = await api('/api/studies');
      if (disposed) return;
      clear(body, studies.length === 0 ? notice('empty', 'No studies yet.') : el('div', { class: 'table-scroll' }, el('table', { class: 'studies-table' },
        el('thead', {}, el('tr', {}, ['Name', 'Status', 'Arms', 'Jobs', 'Created'].map(h => el('th', { scope: 'col', class: h === 'Arms' || h === 'Jobs' ? 'num' : null }, h)))),
        el('tbody', {}, studies.map(s => el('tr', {},
          el('td', {}, el('a', { href: `#/studies/${s.id}` }, s.name), el('div', { class: 'muted small mono' }, shortId(s.id))),
          el('td', {}, statusBadge(s.status)),
          el('td', { class: 'num' }, s.arms), el('td', { class: 'num' }, s.jobs),
          el('td', {}, formatTime(s.createdAt))))))));
      if (studies.some(s => isActive(s.status))) timer = setTimeout(refresh, 3000);
    } catch (error) {
      if (!disposed) clear(body, notice('error', `Could not load the studies. ${error.message}`, refresh));
    }
  }
  refresh();
  return () => { disposed = true; clearTimeout(timer); };
}
