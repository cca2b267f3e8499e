// Several jobs side by side: one metric aligned by epoch (GET /api/compare), an overlay chart and a
// table of last and best values. The picker and the metric live in the hash, so a view can be shared.
import { api } from '../api.js';
import { el, clear, statusBadge, notice, replaceQuery, shortId } from '../dom.js';
import { formatNumber, isActive } from '../format.js';
import { lineChart } from '../charts.js';

const METRICS = { trainLoss: 'train loss', valLoss: 'validation loss', trainAccuracy: 'train accuracy', valAccuracy: 'validation accuracy', seconds: 'seconds per epoch' };
const HIGHER_IS_BETTER = new Set(['trainAccuracy', 'valAccuracy']);
const MAX_JOBS = 20;

export function compareView(main, query) {
  const ids = (query.get('jobs') ?? '').split(',').filter(s => /^[0-9a-fA-F-]{36}$/.test(s)).slice(0, MAX_JOBS);
  const selected = new Set(ids);
  let metric = METRICS[query.get('metric')] ? query.get('metric') : 'valLoss';
  let chart = null, chartKey = '', timer = null, disposed = false;

  const metricSelect = el('select', { id: 'compare-metric' }, Object.entries(METRICS).map(([value, label]) => el('option', { value }, label)));
  metricSelect.value = metric;
  const chartHost = el('div', { class: 'compare-chart' });
  const status = el('div', { class: 'compare-status' });
  const tableHost = el('div', { class: 'table-scroll' });
  const pickerList = el('ul', { class: 'picker' }, el('li', { class: 'muted' }, 'Loading recent jobs…'));

  main.append(
    el('div', { class: 'page-head' }, el('h1', {}, 'Compare jobs')),
    el('div', { class: 'filters' }, el('div', { class: 'field' }, el('label', { for: 'compare-metric' }, 'Metric'), metricSelect)),
    status, chartHost, tableHost,
    el('fieldset', { class: 'panel' }, el('legend', {}, `Jobs to compare (up to ${MAX_JOBS})`), pickerList));

  metricSelect.addEventListener('change', () => { metric = metricSelect.value; chartKey = ''; save(); load(); });

  function save() {
    const q = new URLSearchParams();
    if (selected.size) q.set('jobs', [...selected].join(','));
    if (metric !== 'valLoss') q.set('metric', metric);
    replaceQuery('/compare', q);
  }

  async function loadPicker() {
    try {
      const page = await api('/api/jobs?page=1&pageSize=50');
      if (disposed) return;
      if (!page.items.length) { clear(pickerList, el('li', { class: 'muted' }, 'No jobs yet. ', el('a', { href: '#/new' }, 'Start one in the editor'), '.')); return; }
      clear(pickerList, page.items.map(job => {
        const box = el('input', { type: 'checkbox', id: `pick-${job.id}`, checked: selected.has(job.id) });
        box.addEventListener('change', () => {
          if (box.checked && selected.size >= MAX_JOBS) { box.checked = false; return; }
          box.checked ? selected.add(job.id) : selected.delete(job.id);
          save(); load();
        });
        return el('li', {}, box, el('label', { for: `pick-${job.id}` }, job.name, ' ', statusBadge(job.status), ' ', el('span', { class: 'muted small mono' }, shortId(job.id))));
      }));
    } catch (error) {
      clear(pickerList, el('li', {}, notice('error', `Could not load the jobs. ${error.message}`, loadPicker)));
    }
  }

  async function load() {
    clearTimeout(timer);
    if (selected.size === 0) {
      chart?.destroy(); chart = null; chartKey = '';
      clear(chartHost); clear(tableHost);
      clear(status, notice('empty', 'Pick two or more jobs below to see them side by side.'));
      return;
    }
    try {
      const comparison = await api(`/api/compare?jobs=${[...selected].join(',')}&metric=${metric}`);
      if (disposed) return;
      clear(status, selected.size === 1 ? notice('empty', 'One job picked: add another to compare.') : null);
      draw(comparison);
      if (comparison.jobs.some(j => isActive(j.status))) timer = setTimeout(load, 2000);
    } catch (error) {
      if (disposed) return;
      clear(status, notice('error', `Could not compare these jobs. ${error.message}`, load));
    }
  }

  function draw({ jobs, epochs }) {
    const labels = jobs.map(j => `${j.name} (${shortId(j.id)})`);
    const key = `${metric}|${labels.join('|')}`;
    if (key !== chartKey) {
      chart?.destroy();
      clear(chartHost);
      chart = lineChart(chartHost, { title: `${METRICS[metric]} by epoch`, series: labels, yLabel: METRICS[metric], empty: 'No epochs recorded yet.' });
      chartKey = key;
    }
    chart.setData(epochs.map(r => r.epoch), jobs.map((_, i) => epochs.map(r => r.values[i])));
    const better = HIGHER_IS_BETTER.has(metric) ? Math.max : Math.min;
    clear(tableHost, el('table', {},
      el('caption', {}, `${METRICS[metric]}: last and best value per job`),
      el('thead', {}, el('tr', {}, ['Job', 'Status', 'Epochs', 'Last', 'Best'].map((h, i) => el('th', { scope: 'col', class: i > 1 ? 'num' : null }, h)))),
      el('tbody', {}, jobs.map((job, i) => {
        const values = epochs.filter(r => r.values[i] !== null).map(r => r.values[i]);
        const count = epochs.filter(r => r.values[i] !== null).length;
        return el('tr', {},
          el('td', {}, el('a', { href: `#/jobs/${job.id}` }, job.name), ' ', el('span', { class: 'muted small mono' }, shortId(job.id))),
          el('td', {}, statusBadge(job.status)),
          el('td', { class: 'num' }, count),
          el('td', { class: 'num' }, formatNumber(values.at(-1))),
          el('td', { class: 'num' }, values.length ? formatNumber(better(...values)) : '—'));
      }))));
  }

  loadPicker();
  load();
  return () => { disposed = true; clearTimeout(timer); chart?.destroy(); };
}
