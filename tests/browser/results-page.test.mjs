// The results page in a real browser: Debian's chromium driven by playwright-core, against the built
// service on a free port. Any request to another host fails the run (the page must work offline).
// Screenshots go to tests/browser/artifacts/ (gitignored; CI keeps them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startService } from './service.mjs';
import { ARTIFACTS, CHROMIUM, pageOpener, shot } from './pages.mjs';

let service, browser, opener;

before(async () => {
  service = await startService(path.join(ARTIFACTS, 'service.log'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  opener = pageOpener(browser, service);
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

const openPage = (route, viewport, beforeGoto) => opener.open(route, viewport, beforeGoto);

/** At a phone's width the page must not scroll sideways (wide tables scroll inside their own box). */
async function assertFitsNarrow(page, name) {
  await page.setViewportSize({ width: 420, height: 800 });
  await page.waitForTimeout(300);
  await shot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
}

function xorSpec(name, { epochs = 30, samples = 2000, batchSize = 4, lr = 0.002 } = {}) {
  return {
    name,
    dataset: { kind: 'xor', samples, noise: 0.5, seed: 3 },
    model: { inputShape: [2], layers: [{ kind: 'linear', units: 8, activation: 'tanh' }, { kind: 'linear', units: 1, activation: 'sigmoid' }] },
    loss: { kind: 'bce' },
    optimizer: { kind: 'adam', lr },
    training: { epochs, batchSize, seed: 11, validationSplit: 0.1 },
    checkpoints: { everyEpochs: 5, keepLast: 2 },
    diagnostics: { every: 50, unit: 'steps' },
  };
}

async function waitForFinal(id) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise(r => setTimeout(r, 200))) {
    const job = await service.api('GET', `/api/jobs/${id}`);
    if (!['queued', 'running'].includes(job.status)) return job;
  }
  throw new Error(`job ${id} did not finish in 120 s`);
}

// First in the file (node:test runs a file's tests in order): the data folder is still empty.
test('a fresh service shows an empty jobs list that points to the editor', { timeout: 60_000 }, async () => {
  const page = await openPage('');
  await page.locator('.notice.empty', { hasText: 'No jobs yet.' }).waitFor();
  assert.equal(await page.locator('.pager').isVisible(), false);
  await shot(page, 'jobs-empty');
  await page.getByRole('link', { name: 'Write a spec in the editor' }).click();
  await page.getByRole('heading', { level: 1, name: 'New job' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
});

test('a spec submitted from the editor opens its job page, which updates live as epochs arrive', { timeout: 180_000 }, async () => {
  const page = await openPage('#/new');
  await page.locator('#spec-text').fill(JSON.stringify(xorSpec('live-from-editor'), null, 2));
  await page.locator('#validation-state', { hasText: 'Valid:' }).waitFor();
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: 'live-from-editor' }).waitFor();

  // Read the progress text as often as the page changes it: at least three different epochs must be
  // seen while the job is still running, i.e. delivered one by one by the stream, not at the end.
  const seenWhileRunning = new Set();
  let screenshotTaken = false;
  const progress = page.locator('.progress-line .num');
  // Everything above the gradient-flow heading has a fixed size: its position must not move as data arrives.
  const flowTop = async () => (await page.locator('#flow-title').boundingBox()).y;
  const flowTopAtStart = await flowTop();
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const [text, status] = await Promise.all([progress.textContent(), page.locator('.badge-slot').textContent()]);
    const epoch = Number(/epoch (\d+) of/.exec(text)?.[1] ?? 0);
    if (status === 'running' && epoch > 0) seenWhileRunning.add(epoch);
    if (!screenshotTaken && status === 'running' && epoch >= 8) {
      await page.waitForTimeout(300); // let the heatmap's throttled refresh land
      await shot(page, 'job-mid-training');
      screenshotTaken = true;
    }
    if (status !== 'running' && status !== 'queued') break;
    await page.waitForTimeout(50);
  }
  assert.ok(seenWhileRunning.size >= 3, `epochs seen while running: ${[...seenWhileRunning]}`);
  assert.ok(screenshotTaken, 'the job finished before epoch 8 could be captured mid-training');
  assert.equal(await flowTop(), flowTopAtStart, 'the page moved while epochs arrived');

  await page.locator('.live-line', { hasText: 'Finished' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('.badge-slot').textContent(), 'succeeded');
  assert.match(await progress.textContent(), /epoch 30 of 30/);
  // The chart holds every epoch; the heatmap was drawn from the diagnostics.
  assert.match(await page.locator('.chart .visually-hidden').first().textContent(), /Loss: epoch 30, train loss \d/);
  assert.match(await page.locator('.heatmap-canvas').getAttribute('aria-label'), /2 layers over \d+ sampled steps/);
  await page.locator('text=Download final').waitFor();

  await page.getByRole('button', { name: 'Predict' }).click();
  await page.locator('.predict-output tbody tr').nth(3).waitFor();
  assert.equal(await page.locator('.predict-output tbody tr').count(), 4);
  await shot(page, 'job-finished');

  // "Edit a copy" opens the editor with this job's spec, which validates as it stands.
  await page.getByRole('button', { name: 'Edit a copy' }).click();
  await page.locator('#validation-state', { hasText: 'Valid:' }).waitFor();
  assert.match(await page.locator('#spec-text').inputValue(), /"name": "live-from-editor \(copy\)"/);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'live-from-editor' }).waitFor();
  await page.locator('.live-line', { hasText: 'Finished' }).waitFor();

  await page.setViewportSize({ width: 420, height: 800 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, 'job-narrow-top.png') });
  await page.locator('#flow-title').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -500));
  await page.screenshot({ path: path.join(ARTIFACTS, 'job-narrow-charts.png') });
  await assertFitsNarrow(page, 'job-narrow');
});

test("a bad spec's errors are shown at their JSON paths and lines", { timeout: 60_000 }, async () => {
  const page = await openPage('#/new');
  const text = [
    '{"name": "bad",',
    ' "dataset": {"kind": "xor"},',
    ' "model": {"inputShape": [2],',
    '           "layers": [{"kind": "linear", "units": 0, "activation": "nope"}]},',
    ' "optimizer": {"kind": "adam", "lr": -1},',
    ' "device": 0}',
  ].join('\n');
  await page.locator('#spec-text').fill(text);
  await page.locator('#validation-state', { hasText: 'errors' }).waitFor();

  const expected = { '$.model.layers[0].activation': 4, '$.optimizer.lr': 5, '$.device': 6, '$.loss': 1 };
  for (const [jsonPath, line] of Object.entries(expected)) {
    const item = page.locator(`.validation-errors > li[data-path="${jsonPath}"]`);
    assert.equal(await item.count(), 1, `no error listed at ${jsonPath}`);
    assert.match(await item.locator('.error-path').textContent(), new RegExp(`line ${line}$`), jsonPath);
    assert.equal(await page.locator('.gutter .line.bad').filter({ hasText: new RegExp(`^${line}$`) }).count(), 1, `line ${line} not marked`);
  }
  assert.ok(await page.getByRole('button', { name: 'Start training' }).isDisabled());

  // Activating an error selects its value in the text.
  await page.locator('.validation-errors > li[data-path="$.optimizer.lr"] .error-path').click();
  const selected = await page.locator('#spec-text').evaluate(t => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, '-1');
  await shot(page, 'editor-errors');
  await assertFitsNarrow(page, 'editor-errors-narrow');

  // A syntax error is located without asking the server.
  await page.locator('#spec-text').fill('{"name": "x",,}');
  await page.locator('#validation-state', { hasText: 'not valid JSON' }).waitFor();
  assert.match(await page.locator('.validation-errors').textContent(), /line 1, column 14/);
});

test("a slow answer about the previous text never marks the new text valid", { timeout: 60_000 }, async () => {
  // The first validation (of the starting template, which is valid) is held back until the text has changed,
  // then answered while the new text's own check still waits for the typing pause.
  let release, first = true;
  const released = new Promise(resolve => { release = resolve; });
  const page = await openPage('#/new', undefined, async p => {
    await p.route('**/api/specs/validate', async route => {
      if (first) { first = false; await released; }
      await route.continue();
    });
  });
  await page.locator('#spec-text').fill('{"name": "bad", "dataset": {"kind": "xor"}, "model": {"inputShape": [2], "layers": []}, "optimizer": {"kind": "adam", "lr": -1}}');
  release();
  await page.locator('#validation-state', { hasText: 'errors' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Start training' }).isDisabled());
});

test('the compare view shows two jobs side by side, picked from the jobs list', { timeout: 180_000 }, async () => {
  const [a, b] = await Promise.all([
    service.api('POST', '/api/jobs', xorSpec('compare-slow-lr', { epochs: 25, samples: 400, batchSize: 16, lr: 0.002 })),
    service.api('POST', '/api/jobs', xorSpec('compare-fast-lr', { epochs: 25, samples: 400, batchSize: 16, lr: 0.05 })),
  ]);
  await Promise.all([waitForFinal(a.id), waitForFinal(b.id)]);

  const page = await openPage('#/jobs?name=compare-');
  await page.locator(`#select-${a.id}`).check();
  await page.locator(`#select-${b.id}`).check();
  await shot(page, 'jobs-list');
  await page.getByRole('link', { name: 'Compare selected (2)' }).click();
  await page.waitForURL(/#\/compare\?jobs=/);
  await page.getByRole('heading', { level: 1, name: 'Compare jobs' }).waitFor();
  const rows = page.locator('.table-scroll tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /compare-slow-lr.*succeeded.*25/);
  assert.match(await page.locator('.compare-chart .visually-hidden').textContent(), /epoch 25, compare-slow-lr \(…[0-9a-f]{8}\) \d.*, compare-fast-lr/);
  await shot(page, 'compare');
  await assertFitsNarrow(page, 'compare-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.locator('#compare-metric').selectOption('valAccuracy');
  await page.locator('caption', { hasText: 'validation accuracy' }).waitFor();
  assert.match(page.url(), /metric=valAccuracy/);
});

test("every editor template validates; the deep sigmoid one shows vanishing gradients in the heatmap and the events", { timeout: 180_000 }, async () => {
  const page = await openPage('#/new');
  const options = await page.locator('#template option').evaluateAll(os => os.map(o => o.value).filter(Boolean));
  assert.ok(options.includes('deep-sigmoid'), `templates: ${options}`);
  for (const template of options) {
    await page.locator('#template').selectOption(template);
    await page.locator('#validation-state', { hasText: 'Valid:' }).waitFor();
  }
  await page.locator('#template').selectOption('deep-sigmoid');
  await page.locator('#validation-state', { hasText: 'Valid:' }).waitFor();
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByRole('heading', { level: 1, name: 'deep-sigmoid' }).waitFor();
  await page.locator('.live-line', { hasText: 'Finished' }).waitFor({ timeout: 120_000 });
  await page.locator('.events li', { hasText: 'vanishing gradient' }).first().waitFor();
  assert.match(await page.locator('.heatmap-canvas').getAttribute('aria-label'), /11 layers over \d+ sampled steps/);
  // The arrow keys read single cells: the first layer's gradient is far below the last one's.
  await page.locator('.heatmap-canvas').focus();
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator('#heatmap-readout').textContent(), /^0_linear, step \d+ \(epoch \d+\): ‖g‖ = /);
  await page.locator('#flow-title').scrollIntoViewIfNeeded();
  await shot(page, 'job-vanishing');
});

test('filters with no match, an unknown job and the keyboard path are handled', { timeout: 60_000 }, async () => {
  const page = await openPage('#/jobs?name=no-such-job-');
  await page.locator('.notice.empty', { hasText: 'No jobs match these filters.' }).getByRole('button', { name: 'Clear filters' }).waitFor();
  await shot(page, 'jobs-no-match');
  // The created-after field is sent as an ISO 8601 instant the API accepts: the past matches, the future does not.
  await page.locator('.notice.empty').getByRole('button', { name: 'Clear filters' }).click();
  await page.locator('#filter-created').fill('2000-01-01T00:00');
  await page.locator('.jobs-table tbody tr').first().waitFor();
  await page.locator('#filter-created').fill('2099-01-01T00:00');
  await page.locator('.notice.empty', { hasText: 'No jobs match these filters.' }).waitFor();
  assert.match(page.url(), /createdAfter=2098-12-31T23/); // 2099-01-01 00:00 in Berlin, as UTC
  await page.reload();
  // The skip link's handler comes with the page's module: wait until the view has rendered.
  await page.locator('.notice.empty', { hasText: 'No jobs match these filters.' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'New job');

  await page.goto(`${service.base}/#/jobs/00000000-0000-0000-0000-000000000000`);
  await page.getByRole('heading', { level: 1, name: 'Job not found' }).waitFor();
});

test('a study page ranks its arms with intervals and paired tests and shows both plots', { timeout: 240_000 }, async () => {
  const study = await service.api('POST', '/api/studies', {
    name: 'lr-study',
    base: xorSpec('lr-study', { epochs: 8, samples: 400, batchSize: 16 }),
    factors: [{ path: '$.optimizer.lr', values: [0.0005, 0.05], label: 'lr' }],
    seeds: [1, 2, 3],
    objective: { metric: 'trainLoss', mode: 'min' },
  });
  const page = await openPage('#/studies');
  await page.getByRole('link', { name: 'lr-study' }).click();
  await page.getByRole('heading', { level: 1, name: 'lr-study' }).waitFor();
  await page.locator('.badge-slot', { hasText: 'succeeded' }).waitFor({ timeout: 200_000 });

  const rows = page.locator('.arms-table tbody tr');
  await page.locator('.arms-table tbody tr td', { hasText: 'lr=0.05' }).waitFor();
  assert.equal(await rows.count(), 2);
  // The large learning rate wins XOR in 8 epochs on every seed: rank 1, and the other row carries the paired tests.
  assert.deepEqual(await rows.first().locator('td').nth(1).textContent(), 'lr=0.05');
  const second = await rows.nth(1).locator('td').allTextContents();
  assert.equal(second[0], '2');
  assert.equal(second[2], '3');
  assert.match(second[4], /^\S+ – \S+$/, `95% CI cell: ${second[4]}`);
  assert.ok(Number(second[9]) > 0 && Number(second[9]) < 1, `paired t p: ${second[9]}`);
  const api = await service.api('GET', `/api/studies/${study.id}`);
  assert.equal(second[3], new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 }).format(api.arms[1].mean).replace(/,/g, ''), 'mean differs from the API');
  assert.equal(await rows.nth(1).locator('.arm-jobs a.seed').count(), 3);

  for (const kind of ['curves', 'bars']) {
    const image = page.locator('img.study-plot').nth(kind === 'curves' ? 0 : 1);
    await image.waitFor();
    assert.ok(await image.evaluate(img => img.complete && img.naturalWidth > 400), `${kind} plot not drawn`);
  }
  await shot(page, 'study');
  await assertFitsNarrow(page, 'study-narrow');
});

test('no request left the machine and no script failed', () => {
  assert.deepEqual(opener.offHost, []);
  assert.deepEqual(opener.pageErrors, []);
});
