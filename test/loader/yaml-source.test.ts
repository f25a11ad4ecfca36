import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile, locate, sourceOf } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';

function parse(text: string, limits?: Parameters<typeof parseYaml>[2]) {
  const file = new SourceFile('compose.yaml', text);
  const reporter = new Reporter();
  const docs = parseYaml(file, reporter, limits);
  return { file, docs, diagnostics: reporter.diagnostics };
}

describe('10-fragments: anchors, aliases and merge keys', () => {
  it('Example 1: an alias copies the anchored mapping', () => {
    const { docs, diagnostics } = parse('volumes:\n  db-data: &default-volume\n    driver: default\n  metrics: *default-volume\n');
    expect(diagnostics).toEqual([]);
    expect(docs[0]).toEqual({ volumes: { 'db-data': { driver: 'default' }, metrics: { driver: 'default' } } });
  });

  it('Example 3: << merges the anchor and an explicit key overrides it', () => {
    const { docs } = parse('volumes:\n  db-data: &default-volume\n    driver: default\n    name: "data"\n  metrics:\n    <<: *default-volume\n    name: "metrics"\n');
    expect((docs[0] as any).volumes.metrics).toEqual({ driver: 'default', name: 'metrics' });
  });

  it('Example 4 (11-extension): << takes a list, the first mapping winning', () => {
    const { docs } = parse('x-a: &a\n  FOO: BAR\n  ZOT: QUIX\nx-b: &b\n  KEY: VALUE\n  FOO: other\nservices:\n  f:\n    environment:\n      << : [*a, *b]\n      YET_ANOTHER: VARIABLE\n');
    expect((docs[0] as any).services.f.environment).toEqual({ FOO: 'BAR', ZOT: 'QUIX', KEY: 'VALUE', YET_ANOTHER: 'VARIABLE' });
  });

  it('an unknown alias is a syntax error with a position', () => {
    const { diagnostics } = parse('a: *nope\n');
    expect(diagnostics[0]?.code).toBe('YAML_SYNTAX');
    expect(diagnostics[0]?.line).toBe(1);
  });
});

describe('positions', () => {
  it('records key and value ranges, also for values brought in by <<', () => {
    const { file, docs } = parse('x-e: &e\n  FOO: 1\nservices:\n  web:\n    image: nginx\n    environment:\n      <<: *e\n');
    const img = locate(docs[0], ['services', 'web', 'image'])!;
    expect(file.position(img.start)).toEqual({ line: 5, column: 12 });
    const key = locate(docs[0], ['services', 'web', 'image'], { key: true })!;
    expect(file.position(key.start)).toEqual({ line: 5, column: 5 });
    const foo = locate(docs[0], ['services', 'web', 'environment', 'FOO'])!;
    expect(file.position(foo.start)).toEqual({ line: 2, column: 8 });
  });

  it('a path below a scalar falls back to the nearest recorded ancestor', () => {
    const { file, docs } = parse('services:\n  web:\n    ports:\n      - "80:80"\n');
    const r = locate(docs[0], ['services', 'web', 'ports', 0, 'target'])!;
    expect(file.position(r.start)).toEqual({ line: 4, column: 9 });
  });
});

describe('13-merge: !reset and !override tags are kept for the merge', () => {
  it('records the tag by key', () => {
    const { docs, diagnostics } = parse('services:\n  app:\n    ports: !reset []\n    environment: !override\n      A: b\n');
    expect(diagnostics).toEqual([]);
    const app = (docs[0] as any).services.app;
    expect(sourceOf(app)?.tags?.get('ports')).toBe('!reset');
    expect(sourceOf(app)?.tags?.get('environment')).toBe('!override');
  });

  // The tags only say how to merge: a tagged plain scalar keeps the type it has untagged.
  for (const tag of ['!reset', '!override']) {
    it(`a plain scalar tagged ${tag} resolves as if untagged (booleans, null, numbers)`, () => {
      const cases: [string, unknown][] = [['true', true], ['false', false], ['True', true], ['FALSE', false], ['null', null], ['~', null], ['', null], ['0', 0], ['512', 512], ['-3', -3], ['1.5', 1.5], ['0x1F', 31], ['0755', 493], ['"false"', 'false'], ["'1'", '1'], ['text', 'text']];
      const text = cases.map(([src], i) => `k${i}: ${tag} ${src}\n`).join('');
      const { docs, diagnostics } = parse(text);
      expect(diagnostics).toEqual([]);
      expect(docs[0]).toEqual(Object.fromEntries(cases.map(([, v], i) => [`k${i}`, v])));
    });
  }
});

describe('hostile YAML', () => {
  it('duplicate keys are an error', () => {
    const { diagnostics } = parse('services:\n  a:\n    image: x\n    image: y\n');
    expect(diagnostics.map((d) => d.code)).toContain('YAML_DUPLICATE_KEY');
    expect(diagnostics[0]?.line).toBe(4);
  });

  it('an alias bomb stops at the expansion limit', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { docs, diagnostics } = parse(text);
    expect(docs).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['YAML_ALIAS_LIMIT']);
  });

  it('10,000-deep nesting gives a depth diagnostic, not a crash', () => {
    const { diagnostics } = parse('a: ' + '['.repeat(10_000) + ']'.repeat(10_000));
    expect(diagnostics[0]?.code).toBe('YAML_DEPTH_LIMIT');
    const block = parse(Array.from({ length: 400 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'));
    expect(block.diagnostics[0]?.code).toBe('YAML_DEPTH_LIMIT');
  });

  it('__proto__ keys become own properties and pollute nothing', () => {
    const { docs } = parse('__proto__:\n  polluted: yes\nservices:\n  a:\n    __proto__: {polluted: yes}\n');
    const d = docs[0] as any;
    expect(Object.keys(d)).toEqual(['__proto__', 'services']);
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
    expect(d.services.a.__proto__).toEqual({ polluted: 'yes' });
  });

  it('numbers JavaScript cannot hold exactly keep their text', () => {
    const { docs } = parse('a: 123456789012345678901\nb: .nan\nc: -.inf\nd: 42\n');
    expect(docs[0]).toEqual({ a: '123456789012345678901', b: '.nan', c: '-.inf', d: 42 });
  });

  it('several documents in one file are all returned', () => {
    expect(parse('a: 1\n---\nb: 2\n').docs).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('numbers as docker compose reads them (go-yaml v3)', () => {
  it('a plain 0755 is the YAML 1.1 octal 493; "0755" quoted stays text; 0o755 and 08 as usual', () => {
    const { docs } = parse('a: 0755\nb: "0755"\nc: 0o755\nd: 08\ne: 0\n');
    expect(docs[0]).toEqual({ a: 0o755, b: '0755', c: 0o755, d: 8, e: 0 });
  });
});
