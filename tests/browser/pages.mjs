// Pages in Debian's chromium for the browser tests: each refuses and records requests that leave the
// service's origin (the results page must work offline) and records page errors and console errors.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(ARTIFACTS, { recursive: true });

/** `opener.open(route)` gives a page at 1280×800 (or the given size; `beforeGoto(page)` may add routes first); `offHost` and `pageErrors` collect what went wrong. */
export function pageOpener(browser, service) {
  const offHost = [], pageErrors = [];
  async function open(route, viewport = { width: 1280, height: 800 }, beforeGoto = null) {
    const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Berlin', acceptDownloads: true });
    await context.route('**/*', r => {
      const url = new URL(r.request().url());
      if (url.origin !== service.base) { offHost.push(url.href); return r.abort(); }
      return r.continue();
    });
    const page = await context.newPage();
    page.on('pageerror', error => pageErrors.push(`${route}: ${error.message}`));
    // The browser logs every 4xx it receives; the editor's validation, the unknown-job page and the sign-in form expect them.
    page.on('console', message => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) pageErrors.push(`${route}: console: ${message.text()}`);
    });
    if (beforeGoto) await beforeGoto(page);
    await page.goto(`${service.base}/${route}`);
    // The page renders its first view after asking who it is (GET /api/whoami), after the load event:
    // wait for it, so a test never reads the view (or presses keys) before it exists.
    await page.locator('#view > :not(noscript)').first().waitFor();
    return page;
  }
  return { open, offHost, pageErrors };
}

export const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
