// The spec editor: validates as you type through POST /api/specs/validate and shows every error at
// its JSON path — in the list (with its line; activating it selects that spot) and beside the line.
import { api, ApiError } from '../api.js';
import { el, clear, setText } from '../dom.js';
import { formatInteger } from '../format.js';
import { locatePaths, rangeOf, lineAndColumn } from '../jsonpaths.js';
import { templates } from '../templates.js';
import { DRAFT_KEY } from './job.js';

const DEBOUNCE_MS = 300;

export function editorView(main) {
  const initial = sessionStorage.getItem(DRAFT_KEY) ?? JSON.stringify(templates['xor-tanh'].spec, null, 2);
  let sequence = 0, debounce = null, disposed = false, valid = false, errors = [];

  const templateSelect = el('select', { id: 'template' }, el('option', { value: '' }, 'choose a template…'),
    Object.entries(templates).map(([key, t]) => el('option', { value: key }, t.label)));
  const gutter = el('div', { class: 'gutter', 'aria-hidden': 'true' });
  const textarea = el('textarea', {
    id: 'spec-text', class: 'code', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
    'aria-describedby': 'validation-state validation-errors', wrap: 'off',
  });
  textarea.value = initial;
  const stateLine = el('p', { id: 'validation-state', class: 'validation-state', role: 'status' }, 'Checking…');
  const errorList = el('ul', { id: 'validation-errors', class: 'validation-errors' });
  const shapes = el('div', { class: 'shapes' });
  const submit = el('button', { type: 'submit', class: 'primary', disabled: true }, 'Start training');
  const submitState = el('div', { class: 'submit-state', 'aria-live': 'polite' });

  main.append(
    el('div', { class: 'page-head' }, el('h1', {}, 'New job')),
    el('p', { class: 'muted' }, 'Write a training spec as JSON. It is checked on the server as you type; every error is listed at its JSON path. The ',
      el('a', { href: '/swagger' }, 'API reference'), ' documents every field.'),
    el('form', { class: 'editor', onsubmit: start },
      el('div', { class: 'editor-main' },
        el('div', { class: 'filters' }, el('div', { class: 'field' }, el('label', { for: 'template' }, 'Start from'), templateSelect)),
        el('label', { for: 'spec-text', class: 'editor-label' }, 'Spec (JSON)'),
        el('div', { class: 'editor-box' }, gutter, textarea),
        el('div', { class: 'actions' }, submit, submitState)),
      el('aside', { class: 'editor-side', 'aria-label': 'Validation' }, el('h2', {}, 'Validation'), stateLine, errorList, shapes)));

  templateSelect.addEventListener('change', () => {
    const t = templates[templateSelect.value];
    if (!t) return;
    textarea.value = JSON.stringify(t.spec, null, 2);
    changed();
  });
  textarea.addEventListener('input', changed);
  textarea.addEventListener('scroll', () => { gutter.scrollTop = textarea.scrollTop; });

  function changed() {
    sessionStorage.setItem(DRAFT_KEY, textarea.value);
    // An answer still on its way is about the old text: it must not mark this one valid.
    sequence++;
    valid = false; submit.disabled = true;
    setText(stateLine, 'Checking…');
    drawGutter();
    clearTimeout(debounce);
    debounce = setTimeout(validate, DEBOUNCE_MS);
  }

  function drawGutter() {
    const lines = textarea.value.split('\n').length;
    const bad = new Map();
    for (const e of errors) bad.set(e.line, [...(bad.get(e.line) ?? []), e.path]);
    if (gutter.childElementCount !== lines || gutter.dataset.bad !== JSON.stringify([...bad])) {
      gutter.dataset.bad = JSON.stringify([...bad]);
      gutter.replaceChildren(...Array.from({ length: lines }, (_, i) => el('div', {
        class: bad.has(i + 1) ? 'line bad' : 'line', title: bad.has(i + 1) ? `error at ${bad.get(i + 1).join(', ')}` : null,
      }, String(i + 1))));
    }
    gutter.scrollTop = textarea.scrollTop;
  }

  async function validate() {
    const text = textarea.value;
    const mine = ++sequence;
    const { paths, syntaxError } = locatePaths(text);
    if (syntaxError) {
      const { line, column } = lineAndColumn(text, syntaxError.offset);
      show([{ path: '$', messages: [`not valid JSON: ${syntaxError.message} at line ${line}, column ${column}`], start: syntaxError.offset, end: syntaxError.offset + 1, line }], 'The text is not valid JSON');
      return;
    }
    try {
      const result = await api('/api/specs/validate', { method: 'POST', body: text });
      if (mine !== sequence || disposed) return;
      valid = true; submit.disabled = false;
      show([], `Valid: ${result.layers.length} layers, ${formatInteger(result.parameters)} parameters.`);
      clear(shapes, el('table', {}, el('caption', {}, 'Output shape after each layer'),
        el('thead', {}, el('tr', {}, ['Layer', 'Kind', 'Output', 'Parameters'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, result.layers.map(l => el('tr', {},
          el('td', { class: 'mono' }, l.path), el('td', {}, l.kind), el('td', { class: 'mono' }, `[${l.outputShape.join(', ')}]`), el('td', { class: 'num' }, formatInteger(l.parameters)))))));
    } catch (error) {
      if (mine !== sequence || disposed) return;
      if (!(error instanceof ApiError) || error.status !== 400) { show([], `Could not check the spec: ${error.message}`); return; }
      const located = error.fieldErrors.map(e => {
        const range = rangeOf(paths, e.path);
        return { ...e, ...range, line: lineAndColumn(text, range.start).line };
      });
      show(located, `${error.problem.title ?? 'The spec is invalid'}: ${located.length} error${located.length === 1 ? '' : 's'}.`);
    }
  }

  function show(list, summary) {
    errors = list;
    clear(shapes);
    setText(stateLine, summary);
    stateLine.className = `validation-state ${list.length ? 'invalid' : valid ? 'valid' : ''}`;
    textarea.setAttribute('aria-invalid', String(list.length > 0));
    clear(errorList, list.map(e => el('li', { 'data-path': e.path },
      el('button', { type: 'button', class: 'error-path', onclick: () => reveal(e), 'aria-label': `${e.path}, line ${e.line}: show in the editor` },
        el('code', {}, e.path), el('span', { class: 'muted small' }, ` line ${e.line}`)),
      el('ul', {}, e.messages.map(m => el('li', {}, m))))));
    drawGutter();
  }

  function reveal(error) {
    textarea.focus();
    textarea.setSelectionRange(error.start, Math.max(error.start + 1, error.end));
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
    textarea.scrollTop = Math.max(0, (error.line - 4) * lineHeight);
  }

  async function start(event) {
    event.preventDefault();
    if (!valid) return;
    submit.disabled = true;
    setText(submitState, 'Submitting…');
    try {
      const job = await api('/api/jobs', { method: 'POST', body: textarea.value });
      sessionStorage.removeItem(DRAFT_KEY);
      location.hash = `#/jobs/${job.id}`;
    } catch (error) {
      submit.disabled = false;
      setText(submitState, `Not started: ${error.message}`);
      if (error instanceof ApiError && error.status === 400) validate();
    }
  }

  drawGutter();
  validate();
  return () => { disposed = true; clearTimeout(debounce); };
}
