// #/studies/{id}: one study's arms table (mean, 95% CI, paired tests against the best arm), its two
// plots as the server draws them, halving progress, and links to each arm's jobs. Refreshed while it runs;
// the plots are fetched again only when another job has finished.
import { api, download, imageUrl } from '../api.js';
import { el, clear, setText, statusBadge, notice } from '../dom.js';
import { formatTime, formatNumber, formatSeconds, isActive } from '../format.js';

const studyUrl = id => `/api/studies/${encodeURIComponent(id)}`;

export function studyView(main, id) {
  let disposed = false, timer = null, finishedSeen = -1;
  const objectUrls = [];
  main.append(el('h1', {}, 'Study'), el('p', { class: 'muted' }, 'Loading…'));

  const badge = el('span', { class: 'badge-slot' });
  const cancelButton = el('button', { type: 'button', class: 'danger', onclick: cancel }, 'Cancel study');
  const facts = el('dl', { class: 'facts' });
  const halving = el('div');
  const table = el('div', { class: 'table-scroll' });
  const downloadStatus = el('span', { class: 'muted small', 'aria-live': 'polite' });
  const plots = { curves: plotFigure('curves'), bars: plotFigure('bars') };

  function plotFigure(kind) {
    const img = el('img', { class: 'study-plot', alt: '', width: '900', height: '500', hidden: true });
    const placeholder = el('p', { class: 'muted' }, 'The plot appears once a job has finished.');
    const caption = kind === 'curves' ? 'Mean objective by epoch per arm, with its 95% band' : 'Final objective per arm with its 95% confidence interval';
    return { kind, img, placeholder, node: el('figure', { class: 'chart' }, el('figcaption', {}, caption), placeholder, img) };
  }

  async function load(first) {
    try {
      const study = await api(studyUrl(id));
      if (disposed) return;
      if (first) mount();
      show(study);
      if (isActive(study.status)) timer = setTimeout(() => load(false), 2000);
    } catch (error) {
      if (disposed) return;
      if (!first) { timer = setTimeout(() => load(false), 5000); return; }
      clear(main, el('h1', {}, error.status === 404 ? 'Study not found' : 'Study'),
        notice('error', error.status === 404 ? `No study has id ${id}.` : `Could not load the study. ${error.message}`),
        el('p', {}, el('a', { href: '#/studies' }, 'Back to the studies')));
    }
  }

  function mount() {
    clear(main,
      el('div', { class: 'page-head' }, el('h1', { class: 'study-name' }), badge,
        el('div', { class: 'actions' }, cancelButton,
          el('button', { type: 'button', class: 'secondary', onclick: () => save('csv') }, 'Download CSV'),
          el('button', { type: 'button', class: 'secondary', onclick: () => save('markdown') }, 'Download Markdown'),
          downloadStatus)),
      facts, halving,
      el('section', { class: 'panel', 'aria-labelledby': 'arms-title' }, el('h2', { id: 'arms-title' }, 'Arms, best first'), table),
      el('section', { class: 'charts', 'aria-label': 'Study plots' }, plots.curves.node, plots.bars.node));
  }

  function show(study) {
    setText(main.querySelector('.study-name'), study.name);
    clear(badge, statusBadge(study.status));
    cancelButton.hidden = !isActive(study.status);
    const finished = study.jobs.filter(j => !isActive(j.status)).length;
    const values = {
      Objective: `${study.objective.metric}, ${study.objective.mode === 'max' ? 'higher' : 'lower'} is better`,
      Seeds: study.seeds.join(', '),
      Arms: study.arms.length,
      Jobs: `${finished} of ${study.jobs.length} finished`,
      Created: formatTime(study.createdAt),
      Id: study.id,
    };
    clear(facts, Object.entries(values).map(([term, value]) => el('div', {}, el('dt', {}, term), el('dd', {}, String(value)))));
    clear(halving, study.halving ? el('p', { class: 'notice' },
      `Successive halving: budgets ${study.halving.budgets.join(' → ')} epochs, rung ${study.halving.rung + 1} of ${study.halving.budgets.length}; `,
      `${study.halving.epochsTrained} epochs trained of the full grid's ${study.halving.fullGridEpochs} (${formatNumber(100 * study.halving.savedFraction)}% saved).`) : null);
    clear(table, armsTable(study));
    if (finished !== finishedSeen && finished > 0) { finishedSeen = finished; refreshPlots(); }
  }

  function armsTable(study) {
    const jobsByArm = Map.groupBy(study.jobs, j => j.arm);
    const headers = ['Rank', 'Arm', 'n', 'Mean', '95% CI', 'Std', 'Min – max', 'Time / epoch', 'Δ vs best', 'Paired t p', 'Wilcoxon p', 'Jobs'];
    const numeric = new Set(['Rank', 'n', 'Mean', 'Std', 'Time / epoch', 'Δ vs best', 'Paired t p', 'Wilcoxon p']);
    return el('table', { class: 'arms-table' },
      el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col', class: numeric.has(h) ? 'num' : null }, h)))),
      el('tbody', {}, study.arms.map(arm => {
        const jobs = jobsByArm.get(arm.arm) ?? [];
        const vs = arm.vsBest;
        return el('tr', {},
          el('td', { class: 'num' }, arm.rank ?? '—'),
          el('td', {}, arm.label),
          el('td', { class: 'num' }, arm.n),
          el('td', { class: 'num' }, formatNumber(arm.mean)),
          el('td', { class: 'num' }, arm.ciLow === null ? '—' : `${formatNumber(arm.ciLow)} – ${formatNumber(arm.ciHigh)}`),
          el('td', { class: 'num' }, formatNumber(arm.std)),
          el('td', { class: 'num' }, arm.min === null ? '—' : `${formatNumber(arm.min)} – ${formatNumber(arm.max)}`),
          el('td', { class: 'num' }, formatSeconds(arm.secondsPerEpoch)),
          el('td', { class: 'num' }, vs ? formatNumber(vs.meanDifference) : 'best'),
          el('td', { class: 'num' }, vs ? formatNumber(vs.pairedTP) : ''),
          el('td', { class: 'num' }, vs ? formatNumber(vs.wilcoxonP) : ''),
          el('td', { class: 'arm-jobs' },
            jobs.map(j => el('a', { href: `#/jobs/${j.jobId}`, title: `seed ${j.seed}: ${j.status}`, class: `seed status-${j.status}` }, `seed ${j.seed}`)),
            jobs.length > 1 ? el('a', { href: `#/compare?jobs=${jobs.map(j => j.jobId).join(',')}&metric=${study.objective.metric}` }, 'compare') : null));
      })));
  }

  async function refreshPlots() {
    for (const plot of Object.values(plots)) {
      try {
        const url = await imageUrl(`${studyUrl(id)}/plots/${plot.kind}`);
        if (disposed) { URL.revokeObjectURL(url); return; }
        objectUrls.push(url);
        plot.img.src = url;
        plot.img.alt = plot.kind === 'curves' ? 'Mean objective by epoch for each arm with a 95% band' : 'Final objective per arm with 95% confidence intervals';
        plot.img.hidden = false;
        plot.placeholder.hidden = true;
      } catch (error) {
        setText(plot.placeholder, `Could not load the plot. ${error.message}`);
      }
    }
  }

  async function save(format) {
    setText(downloadStatus, '');
    try { await download(`${studyUrl(id)}?format=${format}`, `study-${id}.${format === 'csv' ? 'csv' : 'md'}`); }
    catch (error) { setText(downloadStatus, `Could not download: ${error.message}`); }
  }

  async function cancel() {
    cancelButton.disabled = true;
    try { await api(`${studyUrl(id)}/cancel`, { method: 'POST' }); clearTimeout(timer); load(false); }
    catch (error) { setText(downloadStatus, `Could not cancel: ${error.message}`); }
    finally { cancelButton.disabled = false; }
  }

  load(true);
  return () => { disposed = true; clearTimeout(timer); objectUrls.forEach(URL.revokeObjectURL); };
}
