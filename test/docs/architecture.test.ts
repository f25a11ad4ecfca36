/**
 * docs/architecture.md against the code: it names every folder and entry file of src/, every
 * path it names exists, its layer table is the one test/architecture/layers.test.ts enforces,
 * its import diagram shows the imports the code makes (and none that table forbids), its
 * example backend type-checks and runs, and its commands succeed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { convert } from '../../src/convert.js';
import type { Backend } from '../../src/backends/backend.js';
import { run } from '../../src/cli/run.js';
import { shellCommands } from '../support/markdown.js';

const root = resolve(__dirname, '../..');
const SRC = join(root, 'src');
const page = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

/** Fenced blocks of one language, in page order. */
function fenced(lang: string): string[] {
  return [...page.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
}

/** The `inline code` of the prose (fenced blocks left out). */
const inline = [...page.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);

const entries = readdirSync(SRC, { withFileTypes: true });
const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
const entryFiles = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => e.name);
const backendFolders = readdirSync(join(SRC, 'backends'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('docs/architecture.md: a room for every folder', () => {
  it.each(folders)('names src/%s/', (folder) => expect(inline).toContain(`src/${folder}/`));
  it.each(backendFolders)('names src/backends/%s/', (name) => expect(inline).toContain(`src/backends/${name}/`));
  it.each(entryFiles)('names the entry file src/%s', (file) => expect(inline).toContain(`src/${file}`));
});

describe('docs/architecture.md: every path and link it gives exists', () => {
  const paths = [...new Set(inline.filter((c) => /^(src|test|docs|fixtures|schemas|scripts)\//.test(c) && !/[<*\s]/.test(c)))];
  it('names paths', () => expect(paths.length).toBeGreaterThan(20));
  it.each(paths)('%s', (p) => expect(existsSync(join(root, p)), `${p} is named on the page but does not exist`).toBe(true));

  const links = [...page.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1] as string).filter((l) => !/^[a-z]+:/.test(l));
  it.each(links)('link %s', (l) => expect(existsSync(join(root, 'docs', l))).toBe(true));
});

/** FORBIDDEN of test/architecture/layers.test.ts, read from its source (importing a test file would run its tests here). */
function forbiddenTable(): Record<string, string[]> {
  const file = join(root, 'test', 'architecture', 'layers.test.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const stmt of source.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== 'FORBIDDEN' || !d.initializer || !ts.isObjectLiteralExpression(d.initializer)) continue;
      const out: Record<string, string[]> = {};
      for (const p of d.initializer.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isArrayLiteralExpression(p.initializer)) throw new Error('FORBIDDEN: an entry that is not `layer: [...]`');
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : p.name.getText(source);
        out[key] = p.initializer.elements.map((e) => (ts.isStringLiteral(e) ? e.text : e.getText(source)));
      }
      return out;
    }
  }
  throw new Error('test/architecture/layers.test.ts has no FORBIDDEN table');
}

/** The page's table `| layer | may not import |`, as layer → layers. */
function pageTable(): Record<string, string[]> {
  const lines = page.split('\n');
  const start = lines.findIndex((l) => /^\|\s*layer\s*\|\s*may not import\s*\|/.test(l));
  expect(start, 'the page has a table "| layer | may not import |"').toBeGreaterThanOrEqual(0);
  const out: Record<string, string[]> = {};
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [, layer = '', list = ''] = line.split('|').map((c) => c.trim());
    out[layer.replace(/`/g, '')] = [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
  }
  return out;
}

const FORBIDDEN = forbiddenTable();
const sorted = (t: Record<string, string[]>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, [...v].sort()]));

/** The folder of src/ a file is in; `entry` for the files directly in src/ (as layers.test.ts has it). */
function layerOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? (rel.split('/')[0] as string) : 'entry';
}

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every pair of layers where a file of the first imports (types, re-exports and import() included) one of the second. */
function layerImports(): Set<string> {
  const pairs = new Set<string>();
  for (const file of sources()) {
    const visit = (node: ts.Node): void => {
      let spec: ts.Expression | undefined;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) spec = node.moduleSpecifier;
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0];
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = node.argument.literal as ts.Expression;
      if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) {
        const target = resolve(dirname(file), spec.text);
        const from = layerOf(file);
        const to = relative(SRC, target).startsWith('..') ? undefined : layerOf(target);
        if (to !== undefined && to !== from) pairs.add(`${from} --> ${to}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  return pairs;
}

/** The arrows of the page's import diagram (the mermaid block with `flowchart TB`), `a --> b & c` spread out. */
function diagramArrows(): Set<string> {
  const block = fenced('mermaid').find((b) => b.startsWith('flowchart TB'));
  expect(block, 'the page has the import diagram (a mermaid `flowchart TB`)').toBeDefined();
  const arrows = new Set<string>();
  for (const line of (block as string).split('\n').slice(1)) {
    const m = /^\s*(\w+)(?:\[[^\]]*\])?\s*-->\s*(.+)$/.exec(line);
    if (!m) continue;
    for (const to of (m[2] as string).split('&')) arrows.add(`${m[1]} --> ${to.trim()}`);
  }
  return arrows;
}

describe('docs/architecture.md: the layers are the ones test/architecture/layers.test.ts enforces', () => {
  it('has mermaid diagrams: the pipeline and the imports', () => {
    expect(fenced('mermaid').length).toBeGreaterThanOrEqual(2);
  });

  it('the layer table is FORBIDDEN, row for row', () => {
    const table = pageTable();
    expect(Object.keys(table).sort()).toEqual(Object.keys(FORBIDDEN).sort());
    expect(sorted(table)).toEqual(sorted(FORBIDDEN));
  });

  it('no arrow of the import diagram is one the table forbids', () => {
    const wrong = [...diagramArrows()].filter((a) => {
      const [from, to] = a.split(' --> ') as [string, string];
      return (FORBIDDEN[from] ?? []).includes(to);
    });
    expect(wrong).toEqual([]);
  });

  it('the import diagram shows every import between layers that the code makes (update the diagram when this fails)', () => {
    const shown = diagramArrows();
    const used = layerImports();
    expect(used.size, 'the scan finds the imports between layers').toBeGreaterThan(20);
    expect([...used].filter((a) => !shown.has(a)).sort()).toEqual([]);
  });
});

describe('docs/architecture.md: the example backend', () => {
  const code = fenced('ts').find((b) => b.startsWith('// src/backends/capacity/index.ts'));
  const at = join(SRC, 'backends', 'capacity');
  // Written outside the tree, its relative imports made absolute; src/backends/capacity/ does not exist.
  const dir = mkdtempSync(join(tmpdir(), 'compose2ecs-architecture-'));
  const file = join(dir, 'capacity.mts');
  writeFileSync(file, (code ?? '').replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => `from '${resolve(at, spec)}'`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is on the page', () => expect(code).toBeDefined());

  it('type-checks with the project’s compiler options', () => {
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram([file], { ...options, noEmit: true });
    const source = program.getSourceFile(file)!;
    const problems = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  async function capacity(): Promise<Backend> {
    return ((await import(file)) as { capacityBackend: Backend }).capacityBackend;
  }
  const seedQa = join(root, 'fixtures', 'seed-qa', 'compose.yaml');

  it('plans the seed QA stack: one task, its containers, the links it leaves out', async () => {
    const { outputs, diagnostics } = await convert({ files: [seedQa], target: await capacity(), layout: 'project', env: {} });
    expect(outputs.map((o) => o.path)).toEqual(['capacity.json']);
    const [task] = JSON.parse(outputs[0]!.contents) as { family: string; launchType: string; containers: { name: string; image: string; cpus: number; memoryMiB: number }[] }[];
    expect(task!.launchType).toBe('EC2');
    expect(task!.containers.map((c) => [c.name, c.image, c.cpus, c.memoryMiB])).toEqual([
      ['boot', 'laszlocph/spring-boot-dummy:exposed', 300 / 1024, 300],
      ['redis', 'redis:3.2', 100 / 1024, 64],
      ['web-python', 'laszlocph/python-dummy:latest', 100 / 1024, 128],
    ]);
    const own = diagnostics.filter((d) => d.code.startsWith('CAPACITY_'));
    expect(own.map((d) => [d.code, d.severity, d.path, d.line])).toEqual([
      ['CAPACITY_NO_TASK_SIZE', 'info', '/services/boot', 18],
      ['CAPACITY_UNSUPPORTED_FIELD', 'warning', '/services/web-python/links', 13],
    ]);
  });

  it('its codes can be turned off, as `codes` declares them', async () => {
    const { diagnostics } = await convert({ files: [seedQa], target: await capacity(), layout: 'project', env: {}, disable: ['CAPACITY_UNSUPPORTED_FIELD'] });
    expect(diagnostics.map((d) => d.code)).not.toContain('CAPACITY_UNSUPPORTED_FIELD');
    expect(diagnostics.map((d) => d.code)).not.toContain('RULE_UNKNOWN');
  });

  it('without `layers`, the ECS layer is not built and the backend has nothing to plan', async () => {
    const { layers: _layers, ...withoutLayers } = await capacity();
    const { outputs } = await convert({ files: [seedQa], target: withoutLayers, layout: 'project', env: {} });
    expect(outputs).toEqual([]);
  });
});

describe('docs/architecture.md: every compose2ecs command it shows succeeds from the repository root', () => {
  const commands = shellCommands(page);
  it('shows commands', () => expect(commands.length).toBeGreaterThan(0));
  it.each(commands.map((c) => [c.line, c] as const))('%s', async (_line, c) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await run(c.argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s), env: c.env, writeFile: async () => {} });
    expect(code, stderr.join('')).toBe(0);
    expect(stdout.join('').length).toBeGreaterThan(0);
  });
});
