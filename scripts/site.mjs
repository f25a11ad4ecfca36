#!/usr/bin/env node
/**
 * Builds the playground (docs/playground.md) into site/dist/: index.html, style.css, main.js
 * (the page: editor, choices, outputs) and worker.js (the compile pipeline, run off the main
 * thread). Every path in the page is relative, so it works from file://, any folder or GitHub
 * Pages. The build is deterministic: the same sources give the same bytes.
 *
 * The bundles are built for platform 'browser' with no externals: a `node:` import reachable
 * from the library entry fails the build. A module with a `.browser.ts` sibling is replaced by
 * it (src/loader/default-host.browser.ts: no disk, so no Node file system), by the plugin the
 * package's own browser build uses too (scripts/browser-siblings.mjs). The pages bundle the
 * sources, not dist/: `npm run site` needs no package build first.
 *
 *   node scripts/site.mjs                 build site/dist/
 *   node scripts/site.mjs --out DIR       build into DIR
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { browserSiblings } from './browser-siblings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The examples of the page, in the order of its select; the first is shown on opening. Each
 * names its compose file in this repository and the choices it opens with.
 */
export const EXAMPLES = [
  { id: 'seed-qa', title: 'Seed QA stack: web, Spring Boot, Redis in one task', file: 'fixtures/seed-qa/compose.yaml', target: 'ecs', layout: 'project', launchType: 'ec2' },
  { id: 'web-db-migrate', title: 'Web + db + migrate job', file: 'docs/examples/jobs/compose.yaml', target: 'ecs', layout: 'service', launchType: 'fargate' },
  { id: 'fargate-shop', title: 'Two services behind one load balancer', file: 'fixtures/cfn-fargate-shop/compose.yaml', target: 'cloudformation', layout: 'service', launchType: 'fargate' },
  { id: 'k8s-shop', title: 'Shop with secrets and healthchecks', file: 'fixtures/k8s-app-stack/compose.yaml', target: 'kubernetes', layout: 'service', launchType: 'fargate' },
  { id: 'fifty', title: '50 services (generated)', text: fiftyServices(), target: 'ecs', layout: 'service', launchType: 'fargate' },
];

/** A project of 50 services, each on its own port, each but the first waiting for the one before. */
export function fiftyServices(count = 50) {
  const lines = ['# 50 generated services: a chain of dependencies, one port each.', 'name: fifty', 'services:'];
  for (let i = 1; i <= count; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    lines.push(`  ${name}:`, `    image: ghcr.io/example/${name}:1.0.${i}`, `    ports: ["${8000 + i}:80"]`, '    environment:', `      INDEX: "${i}"`, '    mem_limit: 256m');
    if (i > 1) lines.push(`    depends_on: [svc-${String(i - 1).padStart(2, '0')}]`);
  }
  return lines.join('\n') + '\n';
}

/** The examples, read from their files, as a module the page imports. */
const examplesModule = {
  name: 'examples',
  setup(build) {
    build.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: 'examples', namespace: 'examples' }));
    build.onLoad({ filter: /.*/, namespace: 'examples' }, async () => {
      const list = [];
      for (const e of EXAMPLES) {
        const text = e.text ?? (await readFile(join(root, e.file), 'utf8'));
        list.push({ id: e.id, title: e.title, text, target: e.target, layout: e.layout, launchType: e.launchType });
      }
      return { contents: `export default ${JSON.stringify(list)};`, loader: 'js' };
    });
  },
};

/**
 * The esbuild options of both bundles: for the browser, every import bundled (no externals),
 * so a `node:` module reachable from an entry is a build error.
 */
export function browserBuildOptions() {
  return {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [browserSiblings, examplesModule],
    external: [],
  };
}

/** Builds the playground into `outDir` (default site/dist); returns the files written. */
export async function buildSite(outDir = join(root, 'site/dist')) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common = browserBuildOptions();
  await esbuild.build({ ...common, entryPoints: [join(root, 'site/src/worker.ts')], outfile: join(outDir, 'worker.js') });
  await esbuild.build({ ...common, entryPoints: [join(root, 'site/src/main.ts')], outfile: join(outDir, 'main.js') });
  for (const f of ['index.html', 'style.css']) await writeFile(join(outDir, f), await readFile(join(root, 'site/src', f)));
  return ['index.html', 'style.css', 'main.js', 'worker.js'].map((f) => join(outDir, f));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1] ?? '') : undefined;
  try {
    const files = await buildSite(out);
    process.stderr.write(`wrote ${files.length} files to ${dirname(files[0])}\n`);
  } catch (e) {
    process.stderr.write(`site build failed:\n${(e.errors ?? []).map((x) => `  ${x.location ? `${x.location.file}:${x.location.line}: ` : ''}${x.text}`).join('\n') || e.message}\n`);
    process.exitCode = 1;
  }
}
