// The jobs list: filters (status, name prefix, created after) kept in the hash, live progress by
// polling while the page is open, and a selection that opens the compare view.
import { api, ApiError } from '../api.js';
import { el, clear, setText, statusBadge, notice, replaceQuery, shortId } from '../dom.js';
import { formatTime, formatNumber, formatSeconds, elapsedSeconds, isActive } from '../format.js';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const PAGE_SIZE = 20;
const REFRESH_MS = 1500;

/** One list item; tolerates the older full-job items (spec inside) as well as summaries. */
export function summaryOf(item) {
  return {
    ...item,
    epochs: item.epochs ?? item.spec?.training?.epochs ?? null,
    epochsCompleted: item.epochsCompleted ?? item.finalMetrics?.epoch ?? 0,
    datasetKind: item.datasetKind ?? item.spec?.dataset?.kind ?? '—',
    modelKind: item.modelKind ?? (item.spec ? `${item.spec.model.layers.length} layers` : '—'),
  };
}

export function jobsView(main, query) {
  const state = {
    status: query.get('status') ?? '',
    name: query.get('name') ?? '',
    createdAfter: query.get('createdAfter') ?? '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
  const selected = new Set((query.get('selected') ?? '').split(',').filter(Boolean));
  let timer = null, disposed = false, controller = null;

  const statusSelect = el('select', { id: 'filter-status', name: 'status' },
    el('option', { value: '' }, 'any status'), STATUSES.map(s => el('option', { value: s }, s)));
  statusSelect.value = state.status;
  const nameInput = el('input', { id: 'filter-name', name: 'name', type: 'search', value: state.name, autocomplete: 'off', placeholder: 'prefix' });
  const createdInput = el('input', { id: 'filter-created', name: 'createdAfter', type: 'datetime-local', value: toLocalInput(state.createdAfter) });
  const filters = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: e => e.preventDefault() },
    field('Status', statusSelect), field('Name starts with', nameInput), field('Created after', createdInput),
    el('button', { type: 'button', class: 'secondary', onclick: resetFilters }, 'Clear filters'));

  const compareLink = el('a', { class: 'button', href: '#/compare', 'aria-disabled': 'true' }, 'Compare selected');
  const selectionText = el('span', { class: 'muted', 'aria-live': 'polite' });
  const tbody = el('tbody');
  const table = el('table', { class: 'jobs-table' },
    el('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Select for comparison')),
      ['Name', 'Status', 'Progress', 'Dataset', 'Model', 'Created'].map(h => el('th', { scope: 'col' }, h)),
      ['Duration', 'Final loss'].map(h => el('th', { scope: 'col', class: 'num' }, h)))),
    tbody);
  const body = el('div', { class: 'table-area' });
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  const updated = el('p', { class: 'muted small', 'aria-live': 'off' }, '\u00a0');

  main.append(
    el('div', { class: 'page-head' }, el('h1', {}, 'Jobs'), el('a', { class: 'button primary', href: '#/new' }, 'New job')),
    filters,
    el('div', { class: 'toolbar' }, compareLink, selectionText),
    body, pager, updated);

  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; state.page = 1; reload(); });
  let nameDebounce = null;
  nameInput.addEventListener('input', () => {
    clearTimeout(nameDebounce);
    nameDebounce = setTimeout(() => { state.name = nameInput.value.trim(); state.page = 1; reload(); }, 250);
  });
  createdInput.addEventListener('change', () => {
    state.createdAfter = createdInput.value ? new Date(createdInput.value).toISOString() : '';
    state.page = 1; reload();
  });

  function resetFilters() {
    Object.assign(state, { status: '', name: '', createdAfter: '', page: 1 });
    statusSelect.value = ''; nameInput.value = ''; createdInput.value = '';
    reload();
  }

  function apiQuery() {
    const q = new URLSearchParams({ page: state.page, pageSize: PAGE_SIZE });
    if (state.status) q.set('status', state.status);
    if (state.name) q.set('name', state.name);
    if (state.createdAfter) q.set('createdAfter', state.createdAfter);
    return q;
  }

  function saveState() {
    const q = new URLSearchParams();
    for (const key of ['status', 'name', 'createdAfter']) if (state[key]) q.set(key, state[key]);
    if (state.page > 1) q.set('page', state.page);
    if (selected.size) q.set('selected', [...selected].join(','));
    replaceQuery('/jobs', q);
  }

  function updateSelection() {
    const ids = [...selected];
    const ready = ids.length >= 2;
    compareLink.href = ready ? `#/compare?jobs=${ids.join(',')}` : '#/compare';
    compareLink.setAttribute('aria-disabled', String(!ready));
    setText(compareLink, ids.length ? `Compare selected (${ids.length})` : 'Compare selected');
    setText(selectionText, ready ? '' : 'Tick two or more jobs to compare them.');
    saveState();
  }

  const rows = new Map();
  function rowFor(job) {
    let row = rows.get(job.id);
    if (!row) {
      const box = el('input', { type: 'checkbox', id: `select-${job.id}`, checked: selected.has(job.id) });
      box.addEventListener('change', () => { box.checked ? selected.add(job.id) : selected.delete(job.id); updateSelection(); });
      const label = el('label', { for: `select-${job.id}`, class: 'visually-hidden' }, `Select ${job.name} for comparison`);
      const progress = el('progress', { max: '1', value: '0' });
      row = {
        tr: el('tr'), status: el('td'), progress, progressText: el('span', { class: 'num' }),
        duration: el('td', { class: 'num' }), loss: el('td', { class: 'num' }),
      };
      row.tr.append(
        el('td', {}, box, label),
        el('td', {}, el('a', { href: `#/jobs/${job.id}` }, job.name), el('div', { class: 'muted small mono' }, shortId(job.id))),
        row.status,
        el('td', { class: 'progress-cell' }, progress, row.progressText),
        el('td', {}, job.datasetKind), el('td', {}, job.modelKind),
        el('td', {}, formatTime(job.createdAt)),
        row.duration, row.loss);
      rows.set(job.id, row);
    }
    if (row.status.dataset.status !== job.status) {
      row.status.dataset.status = job.status;
      clear(row.status, statusBadge(job.status));
      if (job.failureReason) row.status.append(el('div', { class: 'small muted clamp', title: job.failureReason }, job.failureReason));
    }
    row.progress.max = job.epochs || 1;
    row.progress.value = job.epochsCompleted;
    row.progress.setAttribute('aria-label', `${job.name}: epoch ${job.epochsCompleted} of ${job.epochs ?? '?'}`);
    setText(row.progressText, `${job.epochsCompleted} / ${job.epochs ?? '?'}`);
    setText(row.duration, formatSeconds(elapsedSeconds(job.startedAt, job.finishedAt)));
    setText(row.loss, formatNumber(job.finalMetrics?.trainLoss));
    return row.tr;
  }

  async function load() {
    clearTimeout(timer);
    controller?.abort();
    controller = new AbortController();
    try {
      const result = await api(`/api/jobs?${apiQuery()}`, { signal: controller.signal });
      if (disposed) return;
      const jobs = result.items.map(summaryOf);
      if (!jobs.length) {
        rows.clear();
        const filtered = state.status || state.name || state.createdAfter;
        clear(body, filtered
          ? notice('empty', 'No jobs match these filters.', resetFilters, 'Clear filters')
          : el('div', { class: 'notice empty' }, el('p', {}, 'No jobs yet. '), el('p', {}, el('a', { href: '#/new' }, 'Write a spec in the editor'), ' to start one.')));
      } else {
        if (!body.contains(table)) clear(body, table);
        const wanted = jobs.map(rowFor);
        const current = [...tbody.children];
        if (wanted.length !== current.length || wanted.some((tr, i) => tr !== current[i])) tbody.replaceChildren(...wanted);
        for (const id of rows.keys()) if (!jobs.some(j => j.id === id)) rows.delete(id);
      }
      renderPager(result);
      setText(updated, `Updated ${formatTime(new Date().toISOString())}`);
      timer = setTimeout(load, jobs.some(j => isActive(j.status)) ? REFRESH_MS : REFRESH_MS * 3);
    } catch (error) {
      if (error.name === 'AbortError' || disposed) return;
      rows.clear();
      clear(body, notice('error', `Could not load the jobs. ${error instanceof ApiError ? error.message : error}`, load));
      timer = setTimeout(load, 5000);
    }
  }

  function renderPager({ page, pageSize, total }) {
    const first = total ? (page - 1) * pageSize + 1 : 0, last = Math.min(total, page * pageSize);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    pager.hidden = total === 0;
    clear(pager,
      el('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => { state.page--; reload(); } }, '← Newer'),
      el('span', { class: 'num' }, `${first}–${last} of ${total}`),
      el('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => { state.page++; reload(); } }, 'Older →'));
  }

  function reload() { saveState(); load(); }

  updateSelection();
  load();
  return () => { disposed = true; clearTimeout(timer); clearTimeout(nameDebounce); controller?.abort(); };
}

function field(label, input) {
  return el('div', { class: 'field' }, el('label', { for: input.id }, label), input);
}

/** ISO instant → the value a datetime-local input shows in the reader's time zone. */
function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
