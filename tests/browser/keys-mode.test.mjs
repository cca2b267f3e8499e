// The results page against a service in keys mode: it asks for a key before showing anything, shows
// only the key owner's jobs, streams a job's epochs and downloads its checkpoint with the key attached
// (which EventSource and plain links cannot send), and asks again once the key is revoked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startService } from './service.mjs';
import { ARTIFACTS, CHROMIUM, pageOpener, shot } from './pages.mjs';

const ADMIN_KEY = 'browser-test-admin-key-0123456789abcdef';
let service, browser, opener;

before(async () => {
  service = await startService(path.join(ARTIFACTS, 'service-keys.log'), {
    settings: { 'TrainService:Auth:Mode': 'keys', 'TrainService:Auth:BootstrapAdminKey': ADMIN_KEY },
    key: ADMIN_KEY,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  opener = pageOpener(browser, service);
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

const spec = (name, epochs) => ({
  name,
  dataset: { kind: 'xor', samples: 2000, noise: 0.5, seed: 3 },
  model: { inputShape: [2], layers: [{ kind: 'linear', units: 8, activation: 'tanh' }, { kind: 'linear', units: 1, activation: 'sigmoid' }] },
  loss: { kind: 'bce' },
  optimizer: { kind: 'adam', lr: 0.002 },
  training: { epochs, batchSize: 4, seed: 11 },
  checkpoints: { everyEpochs: 5, keepLast: 2 },
});

test('keys mode: sign in, see only your jobs live, download a checkpoint, be asked again after revocation', { timeout: 240_000 }, async () => {
  const ana = await service.api('POST', '/api/keys', { name: 'ana-laptop', owner: 'ana', scopes: ['submit'] });
  const ben = await service.api('POST', '/api/keys', { name: 'ben', owner: 'ben', scopes: ['submit'] });
  const anaJob = await service.api('POST', '/api/jobs', spec('ana-job', 25), ana.key);
  await service.api('POST', '/api/jobs', spec('ben-job', 2), ben.key);

  const page = await opener.open('#/jobs');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.match(await page.locator('main').textContent(), /runs in keys mode/);
  assert.equal(await page.locator('.jobs-table').count(), 0);
  await shot(page, 'keys-sign-in');

  await page.getByLabel('API key').fill('not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.field-error', { hasText: 'refused this key' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'a refused key was kept');

  await page.getByLabel('API key').fill(ana.key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
  await page.getByRole('link', { name: 'ana-job' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'ben-job' }).count(), 0, "another owner's job is listed");
  assert.match(await page.locator('#identity').textContent(), /Key: ana-laptop \(submit, owner ana\)/);
  await shot(page, 'keys-jobs');

  // The job page's stream carries the key: epochs arrive while the job runs.
  await page.getByRole('link', { name: 'ana-job' }).click();
  await page.getByRole('heading', { level: 1, name: 'ana-job' }).waitFor();
  await page.locator('.live-line', { hasText: 'Finished' }).waitFor({ timeout: 180_000 });
  assert.match(await page.locator('.progress-line .num').textContent(), /epoch 25 of 25/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('text=Download final').click()]);
  assert.equal(download.suggestedFilename(), `${anaJob.id.replaceAll('-', '')}-final.ckpt`);
  const bytes = (await import('node:fs')).statSync(await download.path()).size;
  const listed = (await service.api('GET', `/api/jobs/${anaJob.id}/checkpoints`)).find(c => c.name === 'final');
  assert.equal(bytes, listed.sizeBytes);
  await shot(page, 'keys-job');

  // Revoked: the next request is refused and the page asks for a key again, in place of the view.
  await service.api('DELETE', `/api/keys/${ana.details.id}`);
  await page.goto(`${service.base}/#/jobs`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  await page.getByLabel('API key').fill(ben.key);
  await page.getByLabel(/Remember on this device/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'ben-job' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.length), 1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'signing out left the key stored');

  assert.deepEqual(opener.offHost, []);
  assert.deepEqual(opener.pageErrors, []);
});
