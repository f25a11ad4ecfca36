/**
 * The layering of src/ (docs/architecture.md): lower layers never import higher ones, and no
 * module keeps mutable state between compiles. Read from the sources with TypeScript's own
 * parser, so type-only imports count too: a type is a dependency as well.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(__dirname, '../../src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The folder of src/ a file is in; files directly in src/ are the pipeline's entry points. */
function layerOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? (rel.split('/')[0] as string) : 'entry';
}

/** Every relative module a file imports or re-exports, static or dynamic, resolved to a path. */
function importsOf(file: string, source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) spec = node.moduleSpecifier;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0];
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = node.argument.literal as ts.Expression;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push(resolve(dirname(file), spec.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** What each layer may not import (docs/architecture.md, "Layers"). */
const FORBIDDEN: Record<string, readonly string[]> = {
  core: ['generated', 'model', 'diagnostics', 'ir', 'loader', 'passes', 'backends', 'rules', 'cli', 'entry'],
  model: ['loader', 'passes', 'backends', 'rules', 'cli', 'entry'],
  diagnostics: ['loader', 'passes', 'backends', 'rules', 'cli', 'entry'],
  ir: ['loader', 'passes', 'backends', 'rules', 'cli', 'entry'],
  loader: ['passes', 'backends', 'rules', 'cli', 'entry'],
  passes: ['backends', 'rules', 'cli', 'entry'],
  backends: ['loader', 'rules', 'cli', 'entry'],
  rules: ['backends', 'cli', 'entry'],
  diagram: ['loader', 'passes', 'backends', 'rules', 'cli', 'entry'],
};

const files = sources().map((file) => ({ file, source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true) }));

describe('layering: lower layers never import higher ones', () => {
  it('finds the sources', () => expect(files.length).toBeGreaterThan(100));

  it.each(Object.keys(FORBIDDEN))('%s imports none of the layers above it', (layer) => {
    const wrong: string[] = [];
    for (const { file, source } of files) {
      if (layerOf(file) !== layer) continue;
      for (const target of importsOf(file, source)) {
        const to = layerOf(target.replace(/\.js$/, '.ts'));
        if ((FORBIDDEN[layer] ?? []).includes(to)) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Methods that change a Map, Set, WeakMap, WeakSet or array in place. */
const MUTATORS = /^(set|add|delete|clear|push|pop|shift|unshift|splice|sort|reverse|fill)$/;

/**
 * Top-level bindings that make state outlive one compile: `let`/`var`, and a `const` collection
 * that the module changes (a constant lookup table is fine; a cache is not).
 */
function moduleState(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const collections = new Set<string>();
  for (const stmt of source.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    const flags = stmt.declarationList.flags;
    for (const d of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      if (!(flags & ts.NodeFlags.Const)) found.push(`${d.name.text} (a top-level let/var)`);
      else if (d.initializer) collections.add(d.name.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      const name = node.expression.expression.text;
      if (collections.has(name) && MUTATORS.test(node.expression.name.text)) found.push(`${name} (changed by .${node.expression.name.text}())`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      let target: ts.Expression = node.left;
      while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) target = target.expression;
      if (ts.isIdentifier(target) && target !== node.left && collections.has(target.text)) found.push(`${target.text} (assigned into)`);
    }
    ts.forEachChild(node, visit);
  };
  // Only code outside functions runs once per process; inside a function a same-named local
  // would shadow it, so look at every use and accept the rare false alarm over a miss.
  visit(source);
  return [...new Set(found)];
}

describe('no module-level mutable state in src/ (state per compile lives in its session: Reporter, contexts)', () => {
  it.each(files.filter(({ file }) => !file.includes('/generated/')).map(({ file, source }) => [relative(SRC, file), source] as const))('%s', (_name, source) => {
    expect(moduleState(source)).toEqual([]);
  });

  it('the check finds a cache (the detector itself can fail)', () => {
    const bad = ts.createSourceFile('x.ts', 'const cache = new Map();\nexport function f(k) { cache.set(k, 1); }\nlet n = 0;\n', ts.ScriptTarget.Latest, true);
    expect(moduleState(bad)).toEqual(['n (a top-level let/var)', 'cache (changed by .set())']);
  });
});
