#!/usr/bin/env node
/**
 * Writes docs/playground.png, the picture of the playground in README.md: builds site/dist,
 * opens it in Debian's chromium (playwright-core) and waits for the first example's outputs.
 *
 *   node scripts/site-screenshot.mjs      (npm run site:screenshot)
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from './site.mjs';
import { findChromium, launchChromium, serveDir } from './site-browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = findChromium();
if (!chromium) {
  process.stderr.write('site:screenshot needs chromium (apt-get install -y chromium, or CHROMIUM=/path/to/chromium)\n');
  process.exit(1);
}
await buildSite();
const server = await serveDir(join(root, 'site/dist'));
const browser = await launchChromium(chromium);
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.locator('#output pre', { hasText: '"containerDefinitions"' }).waitFor({ timeout: 60_000 });
  await page.waitForFunction('document.body.dataset.compiling === undefined', undefined, { timeout: 60_000 });
  await page.screenshot({ path: join(root, 'docs/playground.png') });
  process.stderr.write('wrote docs/playground.png\n');
} finally {
  await browser.close();
  await server.close();
}
