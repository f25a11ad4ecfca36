import { describe, expect, it } from 'vitest';
import { locate, sourceOf, type SourceRange } from '../../../src/core/source.js';
import { load } from './helpers.js';

const TEXT = [
  'services:', //                                   1
  '  web:', //                                      2
  '    image: nginx', //                            3
  '    ports:', //                                  4
  '      - "8080:80"', //                           5
  '    depends_on: [db]', //                        6
  '    environment:', //                            7
  '      - A=b', //                                 8
  '    healthcheck:', //                            9
  '      test: curl -f http://localhost', //        10
  '      interval: 30s', //                         11
  '    secrets: [tok]', //                          12
  '    build: ./web', //                            13
  '    x-owner: me', //                             14
  '  db:', //                                       15
  '    image: postgres', //                         16
  'secrets:', //                                    17
  '  tok: {file: ./tok}', //                        18
  '',
].join('\n');

function at(r: SourceRange | undefined): string | undefined {
  if (!r) return undefined;
  const p = r.file.position(r.start);
  return `${p.line}:${p.column} ${r.file.text.slice(r.start, r.end)}`;
}

describe('positions: every value of the Project is traceable to the text it came from', () => {
  const { project } = load(TEXT);

  it('values kept as written point at themselves', () => {
    expect(at(locate(project, ['services', 'web', 'image']))).toBe('3:12 nginx');
    expect(at(locate(project, ['services', 'web', 'image'], { key: true }))).toBe('3:5 image');
    expect(at(locate(project, ['services', 'web', 'healthcheck', 'interval']))).toBe('11:17 30s');
  });

  it('values built from a short form point at the short form', () => {
    expect(at(locate(project, ['services', 'web', 'ports', 0, 'target']))).toBe('5:9 "8080:80"');
    expect(at(locate(project, ['services', 'web', 'depends_on', 'db', 'condition']))).toBe('6:18 db');
    expect(at(locate(project, ['services', 'web', 'environment', 'A']))).toBe('8:9 A=b');
    expect(at(locate(project, ['services', 'web', 'healthcheck', 'test', 1]))).toBe('10:13 curl -f http://localhost');
    expect(at(locate(project, ['services', 'web', 'secrets', 0, 'target']))).toBe('12:15 tok');
    expect(at(locate(project, ['services', 'web', 'build', 'dockerfile']))).toBe('13:12 ./web');
  });

  it('extensions keep their own ranges; defaults point at their service', () => {
    expect(at(locate(project, ['services', 'web', 'extensions', 'x-owner']))).toBe('14:14 me');
    expect(at(locate(project, ['services', 'db', 'networks', 'default']))?.startsWith('16:5')).toBe(true);
    expect(at(locate(project, ['secrets', 'tok', 'name']))).toBe('18:3 tok');
  });

  it('every mapping and list of the result has a recorded position', () => {
    const missing: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v !== 'object' || v === null) return;
      if (!sourceOf(v)?.range) missing.push(path);
      for (const [k, c] of Object.entries(v)) walk(c, `${path}/${k}`);
    };
    walk(project, '');
    expect(missing).toEqual([]);
  });
});
