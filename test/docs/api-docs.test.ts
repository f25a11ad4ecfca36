import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { join } from 'node:path';

/**
 * Every public export has a doc comment, and every exported function, class and constant an
 * `@example` — they are what `npm run docs` (typedoc) turns into the API reference.
 */
describe('API reference: every public export is documented', () => {
  const entry = join(__dirname, '..', '..', 'src', 'index.ts');
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, resolveJsonModule: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);

  const rows = exports.map((sym) => {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const doc = ts.displayPartsToString(target.getDocumentationComment(checker)).trim();
    const tags = target.getJsDocTags(checker).map((t) => t.name);
    const isValue = (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
    return { name: sym.getName(), doc, example: tags.includes('example'), isValue };
  });

  it('exports the names DESIGN.md promises', () => {
    const names = rows.map((r) => r.name);
    for (const n of ['loadProject', 'convert', 'validate', 'formatDiagnostics', 'defineBackend']) expect(names).toContain(n);
  });

  it('each export has a doc comment', () => {
    expect(rows.filter((r) => !r.doc).map((r) => r.name)).toEqual([]);
  });

  it('each exported function, class and constant has an @example', () => {
    expect(rows.filter((r) => r.isValue && !r.example).map((r) => r.name)).toEqual([]);
  });
});
