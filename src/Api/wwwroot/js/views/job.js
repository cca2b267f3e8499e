// One job: facts, live loss/accuracy curves over the Server-Sent Events stream, gradient flow,
// pathology events, results, checkpoints and a predict form. Every box has a fixed size from the
// start, so the page does not jump as epochs arrive.
import { api, jobUrl } from '../api.js';
import { EventStream } from '../event-stream.js';
import { el, clear, setText, statusBadge, notice } from '../dom.js';
import { formatTime, formatNumber, formatSeconds, elapsedSeconds, isActive } from '../format.js';
import { lineChart } from '../charts.js';
import { heatmap } from '../heatmap.js';
import { eventsPanel, resultsPanel, checkpointsPanel, predictPanel, epochTable } from './job-panels.js';

export const DRAFT_KEY = 'trainservice.draft';

export function jobView(main, id) {
  let disposed = false, source = null;
  const timers = new Set();
  const later = (fn, ms) => { const t = setTimeout(() => { timers.delete(t); fn(); }, ms); timers.add(t); };
  main.append(el('h1', {}, 'Job'), el('p', { class: 'muted' }, 'Loading…'));

  api(jobUrl(id)).then(job => { if (!disposed) mount(job); }).catch(error => {
    if (disposed) return;
    clear(main, el('h1', {}, error.status === 404 ? 'Job not found' : 'Job'),
      notice('error', error.status === 404 ? `No job has id ${id}.` : `Could not load the job. ${error.message}`,
        // Re-running the route remounts the view (and its cleanup) from scratch.
        error.status === 404 ? null : () => window.dispatchEvent(new HashChangeEvent('hashchange'))),
      el('p', {}, el('a', { href: '#/jobs' }, 'Back to the jobs list')));
  });

  function mount(job) {
    const spec = job.spec;
    const totalEpochs = spec.training?.epochs ?? null;
    const epochs = new Map();
    let ended = !isActive(job.status);

    const badge = el('span', { class: 'badge-slot' }, statusBadge(job.status));
    const cancelButton = el('button', { type: 'button', class: 'danger', onclick: cancel }, 'Cancel job');
    const liveLine = el('p', { class: 'live-line', role: 'status' }, '\u00a0');
    const progress = el('progress', { max: String(totalEpochs ?? 1), value: '0', 'aria-label': 'Epochs completed' });
    const progressText = el('span', { class: 'num' });
    const failure = el('div', { class: 'failure-slot' });
    const facts = el('dl', { class: 'facts' });
    const lossHost = el('div'), accuracyHost = el('div'), flowHost = el('div');

    clear(main,
      el('div', { class: 'page-head' },
        el('h1', {}, job.name), badge,
        el('div', { class: 'actions' }, cancelButton,
          el('button', { type: 'button', class: 'secondary', onclick: () => editCopy(spec) }, 'Edit a copy'),
          el('a', { class: 'button secondary', href: `#/compare?jobs=${job.id}` }, 'Compare…'))),
      el('div', { class: 'progress-line' }, progress, progressText, liveLine),
      failure, facts,
      el('section', { class: 'charts', 'aria-label': 'Training curves' }, lossHost, accuracyHost),
      el('section', { 'aria-labelledby': 'flow-title' }, el('h2', { id: 'flow-title' }, 'Gradient flow'), flowHost));

    const events = eventsPanel(main);
    const results = resultsPanel(main);
    const checkpoints = checkpointsPanel(main, job.id);
    const predict = predictPanel(main, job.id, spec);
    main.append(
      el('details', { class: 'spec' }, el('summary', {}, 'Spec (with defaults filled in)'), el('pre', { class: 'code' }, JSON.stringify(spec, null, 2))));
    const table = epochTable(main);

    const lossChart = lineChart(lossHost, { title: 'Loss', series: ['train loss', 'validation loss'], yLabel: 'loss' });
    const accuracyChart = lineChart(accuracyHost, { title: 'Accuracy', series: ['train accuracy', 'validation accuracy'], yLabel: 'accuracy' });
    const flow = heatmap(flowHost);
    if (!spec.diagnostics) flow.setEmptyText('Diagnostics are off for this job. Add "diagnostics": {"every": 10} to the spec to record per-layer gradients.');

    let renderQueued = false;
    function render() {
      renderQueued = false;
      if (disposed) return;
      const rows = [...epochs.values()].sort((a, b) => a.epoch - b.epoch);
      const xs = rows.map(r => r.epoch);
      lossChart.setData(xs, [rows.map(r => r.trainLoss), rows.map(r => r.valLoss ?? null)]);
      accuracyChart.setData(xs, [rows.map(r => r.trainAccuracy ?? null), rows.map(r => r.valAccuracy ?? null)]);
      if (rows.length && rows.every(r => r.trainAccuracy == null)) accuracyChart.setEmptyText('No accuracy: this is a regression task.');
      const done = rows.length ? rows[rows.length - 1].epoch : 0;
      progress.value = done;
      setText(progressText, `epoch ${done} of ${totalEpochs ?? '?'}`);
      table.setRows(rows);
    }
    const queueRender = () => { if (!renderQueued) { renderQueued = true; requestAnimationFrame(render); } };

    const factValues = {};
    for (const term of ['Id', 'Created', 'Started', 'Finished', 'Duration', 'Dataset', 'Model', 'Optimizer', 'Loss']) {
      factValues[term] = el('dd');
      facts.append(el('div', {}, el('dt', {}, term), factValues[term]));
    }
    factValues.Id.classList.add('mono');

    let shownFailure = null;
    function showJob(current) {
      job = current;
      if (badge.firstChild?.textContent !== job.status) clear(badge, statusBadge(job.status));
      cancelButton.hidden = !isActive(job.status);
      if (job.failureReason !== shownFailure) {
        shownFailure = job.failureReason;
        clear(failure, job.failureReason ? el('div', { class: 'notice error', role: 'alert' }, el('p', {}, el('strong', {}, 'Failed: '), job.failureReason)) : null);
      }
      const values = {
        Id: job.id,
        Created: formatTime(job.createdAt),
        Started: formatTime(job.startedAt),
        Finished: formatTime(job.finishedAt),
        Duration: formatSeconds(elapsedSeconds(job.startedAt, job.finishedAt)),
        Dataset: spec.dataset.kind,
        Model: `${spec.model.layers.length} layers, input [${spec.model.inputShape.join(', ')}]`,
        Optimizer: `${spec.optimizer.kind}, lr ${formatNumber(spec.optimizer.lr)}`,
        Loss: spec.loss.kind,
      };
      for (const [term, value] of Object.entries(values)) setText(factValues[term], value);
    }

    let lastDiagnostics = 0, diagnosticsBusy = false;
    async function refreshDiagnostics(force) {
      if (!spec.diagnostics || diagnosticsBusy || (!force && Date.now() - lastDiagnostics < 2000)) return;
      diagnosticsBusy = true;
      try { flow.setDiagnostics(await api(`${jobUrl(job.id)}/diagnostics`)); lastDiagnostics = Date.now(); }
      catch (error) { flow.setEmptyText(`Could not load the diagnostics. ${error.message}`); }
      finally { diagnosticsBusy = false; }
    }

    async function refreshAfterEnd() {
      try { showJob(await api(jobUrl(job.id))); } catch { /* the stream already told the status */ }
      refreshDiagnostics(true);
      checkpoints.refresh().then(list => predict.setCheckpoints(list));
      results.refresh(job.id);
    }

    function connect() {
      source = new EventStream(`${jobUrl(job.id)}/events`);
      source.addEventListener('open', () => { if (!ended) setText(liveLine, 'Live: each epoch appears as it finishes.'); });
      source.addEventListener('status', e => {
        const { status, failureReason } = JSON.parse(e.data);
        if (status === job.status) return;
        showJob({ ...job, status, failureReason });
        setText(liveLine, status === 'running' ? 'Running: each epoch appears as it finishes.' : `Status: ${status}.`);
        // The stream carries the status only; the job row has the new timestamps.
        api(jobUrl(job.id)).then(current => { if (!disposed && current.status === job.status) showJob(current); }).catch(() => {});
      });
      source.addEventListener('epoch', e => {
        const m = JSON.parse(e.data);
        epochs.set(m.epoch, m);
        queueRender();
        refreshDiagnostics(false);
        checkpoints.maybeRefresh().then(list => list && predict.setCheckpoints(list));
      });
      source.addEventListener('pathology', e => events.add(JSON.parse(e.data)));
      source.addEventListener('end', () => {
        ended = true;
        source.close();
        setText(liveLine, `Finished: ${job.status === 'succeeded' ? 'training complete' : job.status}.`);
        refreshAfterEnd();
      });
      source.addEventListener('error', () => {
        if (ended || disposed) return;
        // The stream reconnects by itself; it replays everything, and the maps drop repeats.
        setText(liveLine, 'Connection lost; reconnecting…');
      });
    }

    async function cancel() {
      cancelButton.disabled = true;
      try { showJob(await api(`${jobUrl(job.id)}/cancel`, { method: 'POST' })); setText(liveLine, 'Cancel requested.'); }
      catch (error) { setText(liveLine, `Could not cancel: ${error.message}`); }
      finally { cancelButton.disabled = false; }
    }

    showJob(job);
    render();
    connect();
    refreshDiagnostics(true);
    checkpoints.refresh().then(list => predict.setCheckpoints(list));
    if (ended) results.refresh(job.id);
    // Duration ticks while the job runs.
    const tick = () => { if (isActive(job.status)) showJob(job); later(tick, 1000); };
    later(tick, 1000);
    cleanups.push(() => { lossChart.destroy(); accuracyChart.destroy(); flow.destroy(); });
  }

  const cleanups = [];
  function cleanupAll() {
    disposed = true;
    source?.close();
    for (const t of timers) clearTimeout(t);
    cleanups.forEach(fn => fn());
  }
  return cleanupAll;
}

/** Opens the editor with this job's spec; nulls (unset options) are dropped so the copy reads like a hand-written spec. */
function editCopy(spec) {
  const strip = value => Array.isArray(value) ? value.map(strip)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, strip(v)]))
    : value;
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...strip(spec), name: `${spec.name} (copy)` }, null, 2));
  location.hash = '#/new';
}
