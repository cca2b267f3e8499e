// The job page's lower panels. Each owns its section and a small update API.
import { api, ApiError, jobUrl, download } from '../api.js';
import { el, clear, setText, notice } from '../dom.js';
import { formatTime, formatNumber, formatInteger, formatSeconds, formatBytes } from '../format.js';

function section(main, id, title, ...children) {
  const node = el('section', { class: 'panel', 'aria-labelledby': id }, el('h2', { id }, title), ...children);
  main.append(node);
  return node;
}

export function eventsPanel(main) {
  const list = el('ol', { class: 'events' });
  const empty = el('p', { class: 'muted' }, 'No pathology events so far (vanishing or exploding gradients, dead or saturated layers, divergence).');
  const scroller = el('div', { class: 'events-scroll', tabindex: '0', 'aria-label': 'Diagnostic events' }, empty, list);
  section(main, 'events-title', 'Diagnostic events', scroller);
  const seen = new Set();
  return {
    add(event) {
      const key = `${event.kind}|${event.layer}|${event.step}`;
      if (seen.has(key)) return;
      seen.add(key);
      empty.hidden = true;
      list.append(el('li', {},
        el('span', { class: `badge event-${event.kind}` }, event.kind.replaceAll('_', ' ')),
        el('span', { class: 'muted small' }, ` epoch ${event.epoch}, step ${event.step}${event.layer ? `, ${event.layer}` : ''}`),
        el('div', {}, event.message)));
    },
  };
}

export function resultsPanel(main) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'The summary (best epoch, wall time, throughput, memory) appears when the job ends.'));
  section(main, 'results-title', 'Results', body);
  return {
    async refresh(id) {
      try {
        const r = await api(`${jobUrl(id)}/results`);
        const test = r.test ? `${r.test.rows} rows: loss ${formatNumber(r.test.loss)}, accuracy ${formatNumber(r.test.accuracy)}` : '—';
        const rows = [
          ['Epochs completed', formatInteger(r.epochsCompleted)],
          ['Parameters', formatInteger(r.parameters)],
          [`Best ${r.bestMetric}`, r.best ? `${formatNumber(r.best[r.bestMetric])} at epoch ${r.bestEpoch}` : '—'],
          ['Final train loss', formatNumber(r.final?.trainLoss)],
          ['Final validation loss', formatNumber(r.final?.valLoss)],
          ['Final validation accuracy', formatNumber(r.final?.valAccuracy)],
          ['Test split', test],
          ['Wall time', formatSeconds(r.wallSeconds)],
          ['Seconds per epoch', formatNumber(r.secondsPerEpoch)],
          ['Samples per second', formatNumber(r.samplesPerSecond)],
          ['Peak memory (worker process)', formatBytes(r.peakMemoryBytes)],
        ];
        clear(body, el('dl', { class: 'facts' }, rows.map(([term, value]) => el('div', {}, el('dt', {}, term), el('dd', { class: 'num' }, value)))));
      } catch (error) {
        clear(body, notice('error', `Could not load the results. ${error.message}`));
      }
    },
  };
}

/** A link that downloads through fetch() so that the API key goes along (keys mode); failures show beside it. */
function downloadLink(path, fileName, label) {
  const status = el('span', { class: 'muted small', 'aria-live': 'polite' });
  const link = el('a', {
    href: path, download: '',
    onclick: async event => {
      event.preventDefault();
      setText(status, '');
      try { await download(path, fileName); } catch (error) { setText(status, ` Could not download: ${error.message}`); }
    },
  }, label);
  return el('span', {}, link, status);
}

export function checkpointsPanel(main, id) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  section(main, 'checkpoints-title', 'Checkpoints', body);
  let last = 0, list = [];
  async function refresh() {
    last = Date.now();
    try {
      list = await api(`${jobUrl(id)}/checkpoints`);
      clear(body, list.length === 0 ? el('p', { class: 'muted' }, 'No checkpoint yet: the first one is written after the first checkpoint interval or when training stops.')
        : el('div', { class: 'table-scroll' }, el('table', {},
          el('thead', {}, el('tr', {}, ['Name', 'Epoch', 'Step', 'Metric', 'Size', 'Written', ''].map(h => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, list.map(c => el('tr', {},
            el('td', { class: 'mono' }, c.name), el('td', { class: 'num' }, c.epoch), el('td', { class: 'num' }, c.step),
            el('td', { class: 'num' }, formatNumber(c.metricValue)), el('td', { class: 'num' }, formatBytes(c.sizeBytes)),
            el('td', {}, formatTime(c.createdAt)),
            el('td', {}, downloadLink(`${jobUrl(id)}/checkpoints/${encodeURIComponent(c.name)}`, `${c.name}.ckpt`, `Download ${c.name}`))))))));
    } catch (error) {
      clear(body, notice('error', `Could not load the checkpoints. ${error.message}`));
    }
    return list;
  }
  return {
    refresh,
    /** At most every 3 s while epochs stream in; null when skipped. */
    maybeRefresh: async () => (Date.now() - last < 3000 ? null : refresh()),
  };
}

export function predictPanel(main, id, spec) {
  const width = spec.model.inputShape.reduce((a, b) => a * b, 1);
  const example = width === 2 ? [[0, 0], [0, 1], [1, 0], [1, 1]] : [new Array(width).fill(0)];
  const select = el('select', { id: 'predict-checkpoint', name: 'checkpoint' }, el('option', { value: 'latest' }, 'latest'));
  const inputs = el('textarea', { id: 'predict-inputs', name: 'inputs', rows: '4', spellcheck: 'false', class: 'code', 'aria-describedby': 'predict-help' },
    JSON.stringify(example));
  const submit = el('button', { type: 'submit', class: 'primary', disabled: true }, 'Predict');
  const hint = el('p', { class: 'muted small' }, 'Predictions need a checkpoint; this form is enabled once the job has one.');
  const output = el('div', { class: 'predict-output', 'aria-live': 'polite' });
  const form = el('form', { class: 'predict-form', onsubmit: run },
    el('div', { class: 'field' }, el('label', { for: 'predict-checkpoint' }, 'Checkpoint'), select),
    el('div', { class: 'field grow' }, el('label', { for: 'predict-inputs' }, 'Inputs (JSON: one array per example)'), inputs,
      el('p', { id: 'predict-help', class: 'muted small' }, `Each example is flattened to ${width} number${width === 1 ? '' : 's'} (input shape [${spec.model.inputShape.join(', ')}]).`)),
    el('div', { class: 'field' }, submit));
  section(main, 'predict-title', 'Predict', hint, form, output);

  async function run(event) {
    event.preventDefault();
    let rows;
    try { rows = JSON.parse(inputs.value); } catch (error) {
      clear(output, notice('error', `The inputs are not valid JSON: ${error.message}`));
      return;
    }
    submit.disabled = true;
    try {
      const result = await api(`${jobUrl(id)}/predict?checkpoint=${encodeURIComponent(select.value)}`, { method: 'POST', body: { inputs: rows } });
      clear(output, el('div', { class: 'table-scroll' }, el('table', {},
        el('thead', {}, el('tr', {}, ['Input', 'Output', result.classes ? 'Class' : null].filter(Boolean).map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, result.outputs.map((out, i) => el('tr', {},
          el('td', { class: 'mono' }, JSON.stringify(rows[i])),
          el('td', { class: 'mono' }, out.map(formatNumber).join(', ')),
          result.classes ? el('td', { class: 'num' }, result.classes[i]) : null))))));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      clear(output, el('div', { class: 'notice error', role: 'alert' }, el('p', {}, error.message),
        fields.length ? el('ul', {}, fields.map(f => el('li', {}, el('code', {}, f.path), ' ', f.messages.join('; ')))) : null));
    } finally { submit.disabled = false; }
  }

  return {
    setCheckpoints(list) {
      const names = ['latest', ...list.map(c => c.name).filter(n => n !== 'latest')];
      const current = select.value;
      if ([...select.options].map(o => o.value).join() !== names.join()) {
        clear(select, names.map(n => el('option', { value: n }, n)));
        select.value = names.includes(current) ? current : 'latest';
      }
      submit.disabled = list.length === 0;
      hint.hidden = list.length > 0;
    },
  };
}

export function epochTable(main) {
  const tbody = el('tbody');
  const details = el('details', { class: 'epochs' }, el('summary', {}, 'Epochs as a table'),
    el('div', { class: 'table-scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, ['Epoch', 'Train loss', 'Validation loss', 'Train accuracy', 'Validation accuracy', 'Learning rate', 'Seconds'].map(h => el('th', { scope: 'col' }, h)))),
      tbody)));
  main.append(details);
  let rows = [];
  const draw = () => {
    if (!details.open) return;
    tbody.replaceChildren(...rows.map(r => el('tr', {},
      [r.epoch, r.trainLoss, r.valLoss, r.trainAccuracy, r.valAccuracy, r.learningRate, r.seconds].map((v, i) => el('td', { class: 'num' }, i === 0 ? v : formatNumber(v))))));
  };
  details.addEventListener('toggle', draw);
  return { setRows(next) { rows = next; draw(); } };
}
