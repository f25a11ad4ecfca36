/**
 * The playground (issue 21) in a real browser: site/dist built by scripts/site.mjs, served over
 * a local HTTP server, driven with playwright-core in Debian's chromium. Each check compares
 * the page with what the library's `convert` gives for the same text and choices, so the page
 * is known to run the CLI's pipeline, not a copy of its answers.
 *
 * Under CI=true a missing chromium fails the test; elsewhere the browser tests are skipped
 * with a message saying how to install it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSite, EXAMPLES, fiftyServices } from '../../scripts/site.mjs';
import { findChromium, launchChromium, serveDir } from '../../scripts/site-browser.mjs';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = findChromium();
const IN_CI = process.env.CI === 'true';
const WAIT = { timeout: 45_000 };

if (!CHROMIUM && !IN_CI) {
  process.stderr.write('test/site: no chromium found (apt-get install -y chromium, or set CHROMIUM=/path): the playground browser tests are skipped outside CI\n');
}

/** What the CLI's convert gives for a text and the page's choices. */
async function library(text: string, target: 'ecs' | 'cloudformation' | 'kubernetes', layout: 'service' | 'project' = 'service', launchType: 'fargate' | 'ec2' = 'fargate') {
  return convert({
    files: ['compose.yaml'],
    host: memoryHost({ '/playground/compose.yaml': text }, '/playground'),
    env: {},
    target,
    ...(target === 'kubernetes' ? {} : { layout, launchType: launchType === 'ec2' ? 'EC2' : 'FARGATE' }),
  });
}

function exampleText(id: string): string {
  const e = EXAMPLES.find((x) => x.id === id);
  if (!e) throw new Error(`no example ${id}`);
  return e.text ?? readFileSync(join(ROOT, e.file as string), 'utf8');
}

/** Replaces the editor's text as a user would: select all, then type (insert) the new text. */
async function setText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function showTab(page: Page, label: string): Promise<string> {
  await page.locator('#tabs button', { hasText: label }).first().click();
  await page.locator('#tabs button[aria-selected="true"]', { hasText: label }).waitFor(WAIT);
  return (await page.locator('#output pre').textContent()) ?? '';
}

// Outside CI without chromium: skipped (said on stderr above). In CI: run, and fail in beforeAll.
describe.skipIf(!CHROMIUM && !IN_CI)('issue 21 playground: compose file in, outputs and findings out, in chromium', () => {
  let out: string;
  let server: { url: string; close(): Promise<void> };
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('CI=true: the playground tests need chromium (apt-get install -y chromium; .ci/run installs it), or CHROMIUM=/path/to/chromium');
    out = mkdtempSync(join(tmpdir(), 'compose2ecs-site-'));
    await buildSite(out);
    server = await serveDir(out);
    browser = await launchChromium(CHROMIUM as string);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function open(fragment = ''): Promise<Page> {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + fragment);
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
  }

  it('opens on the first example already converted: its ECS task definition is on the page without a click', async () => {
    const first = EXAMPLES[0]!;
    expect(first.target).toBe('ecs');
    const expected = await library(exampleText(first.id), first.target, first.layout, first.launchType);
    const taskDef = expected.outputs.find((o) => o.path.endsWith('.task-definition.json'));
    expect(taskDef).toBeDefined();
    const page = await open();
    await page.locator('#output pre', { hasText: '"containerDefinitions"' }).waitFor(WAIT);
    expect(await page.locator('#tabs button').allTextContents()).toEqual(expected.outputs.map((o) => o.path));
    expect(await page.locator('#tabs button[aria-selected="true"]').textContent()).toBe(expected.outputs[0]!.path);
    expect(await showTab(page, taskDef!.path)).toBe(taskDef!.contents);
    expect(await page.locator('#findings li').count()).toBe(expected.diagnostics.length);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    // Compiled off the page's thread.
    expect(await page.locator('body').getAttribute('data-compiler')).toBe('worker');
    await page.close();
  });

  it('an edit in the editor updates the outputs', async () => {
    const page = await open();
    await page.locator('#output pre', { hasText: '"containerDefinitions"' }).waitFor(WAIT);
    const text = exampleText(EXAMPLES[0]!.id).replace('image: redis:3.2', 'image: redis:7.4.1');
    expect(text).toContain('redis:7.4.1');
    await setText(page, text);
    await page.locator('#output pre', { hasText: '"redis:7.4.1"' }).waitFor(WAIT);
    const expected = await library(text, 'ecs', EXAMPLES[0]!.layout, EXAMPLES[0]!.launchType);
    expect(await page.locator('#output pre').textContent()).toBe(expected.outputs[0]!.contents);
    await page.close();
  });

  it('05-services image: a typo (imgae:) is a finding listed under the editor and marked in it at its line', async () => {
    const page = await open();
    await page.locator('#output pre').waitFor(WAIT);
    const text = exampleText(EXAMPLES[0]!.id).replace('    image: redis:3.2', '    imgae: redis:3.2');
    const line = text.split('\n').findIndex((l) => l.includes('imgae:')) + 1;
    expect(line).toBeGreaterThan(0);
    const expected = await library(text, 'ecs', EXAMPLES[0]!.layout, EXAMPLES[0]!.launchType);
    const typo = expected.diagnostics.find((d) => d.severity === 'error' && d.line === line);
    expect(typo).toBeDefined();
    await setText(page, text);
    const listed = page.locator('#findings li.error', { hasText: typo!.code });
    await listed.waitFor(WAIT);
    expect(await listed.getAttribute('data-line')).toBe(String(line));
    expect(await listed.textContent()).toContain(`${line}:${typo!.column}`);
    // Marked in the editor: the error underline is in that line, and the gutter beside it.
    const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });
    await marked.first().waitFor(WAIT);
    expect(await marked.allTextContents()).toEqual([text.split('\n')[line - 1]]);
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(1);
    // No outputs while the file has an error, as with the CLI.
    expect(await page.locator('#tabs button').count()).toBe(0);
    await page.close();
  });

  it('switching the target to kubernetes shows the manifests', async () => {
    const page = await open();
    await page.locator('#output pre').waitFor(WAIT);
    await page.selectOption('#target', 'kubernetes');
    const expected = await library(exampleText(EXAMPLES[0]!.id), 'kubernetes');
    expect(expected.outputs.length).toBeGreaterThan(0);
    await page.locator('#tabs button', { hasText: expected.outputs[0]!.path }).waitFor(WAIT);
    expect(await page.locator('#tabs button').allTextContents()).toEqual(expected.outputs.map((o) => o.path));
    const deployment = expected.outputs.find((o) => /kind: Deployment/.test(o.contents));
    expect(deployment).toBeDefined();
    expect(await showTab(page, deployment!.path)).toBe(deployment!.contents);
    expect(await page.locator('#layout').isDisabled()).toBe(true);
    await page.close();
  });

  it('a link with the fragment restores the text and the choices', async () => {
    const page = await open();
    await page.locator('#output pre').waitFor(WAIT);
    const text = 'name: linked\nservices:\n  api:\n    image: example/api:2.0.1\n    ports: ["8080:8080"]\n';
    await page.selectOption('#target', 'cloudformation');
    await page.selectOption('#launch', 'ec2');
    await setText(page, text);
    const expected = await library(text, 'cloudformation', EXAMPLES[0]!.layout, 'ec2');
    await page.locator('#tabs button', { hasText: expected.outputs[0]!.path }).waitFor(WAIT);
    await page.waitForFunction("location.hash.startsWith('#z=') && document.body.dataset.compiling === undefined", undefined, WAIT);
    const link = (await page.evaluate('location.hash')) as string;
    await page.close();

    const again = await open(link);
    await again.locator('#tabs button', { hasText: expected.outputs[0]!.path }).waitFor(WAIT);
    expect(await again.locator('#target').inputValue()).toBe('cloudformation');
    expect(await again.locator('#launch').inputValue()).toBe('ec2');
    expect(await again.locator('#layout').inputValue()).toBe(EXAMPLES[0]!.layout);
    expect(await again.locator('.cm-line').allTextContents()).toEqual(text.split('\n'));
    expect(await again.locator('#output pre').textContent()).toBe(expected.outputs[0]!.contents);
    await again.close();
  });

  it('the 50-service example converts, and an edit in it updates its outputs', async () => {
    const text = fiftyServices();
    expect(exampleText('fifty')).toBe(text);
    const expected = await library(text, 'ecs');
    expect(expected.outputs.length).toBeGreaterThanOrEqual(50);
    const page = await open();
    await page.locator('#output pre').waitFor(WAIT);
    await page.selectOption('#example', 'fifty');
    await page.locator('#tabs button', { hasText: expected.outputs.at(-1)!.path }).waitFor(WAIT);
    expect(await page.locator('#tabs button').allTextContents()).toEqual(expected.outputs.map((o) => o.path));
    const edited = text.replace('ghcr.io/example/svc-50:1.0.50', 'ghcr.io/example/svc-50:2.0.0');
    expect(edited).not.toBe(text);
    const last = (await library(edited, 'ecs')).outputs.find((o) => o.contents.includes('svc-50:2.0.0'));
    expect(last).toBeDefined();
    await page.locator('#tabs button', { hasText: last!.path }).click();
    await setText(page, edited);
    await page.locator('#output pre', { hasText: 'svc-50:2.0.0' }).waitFor(WAIT);
    expect(await page.locator('#output pre').textContent()).toBe(last!.contents);
    await page.close();
  });

  it('works opened from file:// (no worker there: the pipeline runs on the page)', async () => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.locator('#output pre', { hasText: '"containerDefinitions"' }).waitFor(WAIT);
    expect(await page.locator('body').getAttribute('data-compiler')).toBe('page');
    await page.close();
  });
});
