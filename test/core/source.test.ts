/**
 * The positions table of a node (src/core/source.ts): the child ranges are stored flat (issue 22)
 * but must read exactly as the Maps of ranges they replace, since every diagnostic's
 * file:line:column comes from them.
 */
import { describe, expect, it } from 'vitest';
import { NodeSource, SourceFile, copyChildSource, ensureSource, locate, setChildSource, sourceOf } from '../../src/core/source.js';

const file = new SourceFile('compose.yaml', 'services:\n  web:\n    image: nginx\n');
const other = new SourceFile('other.yaml', 'x: 1\n');
const r = (start: number, end: number, f = file) => ({ file: f, start, end });

describe('NodeSource: child ranges read as a Map of ranges would', () => {
  it('keeps insertion order, tells 0 from "0", replaces in place and keeps key and value ranges apart', () => {
    const s = new NodeSource(r(0, 40));
    s.values.set('b', r(1, 2));
    s.values.set(0, r(3, 4));
    s.keys.set('a', r(5, 6, other));
    s.values.set('0', r(7, 8));
    s.values.set('b', r(9, 10));
    expect([...s.values].map(([k, v]) => [k, v.start, v.end])).toEqual([
      ['b', 9, 10],
      [0, 3, 4],
      ['0', 7, 8],
    ]);
    expect([...s.keys].map(([k, v]) => [k, v.file.path, v.start])).toEqual([['a', 'other.yaml', 5]]);
    expect(s.values.get('a')).toBeUndefined();
    expect(s.keys.get('b')).toBeUndefined();
    expect(s.values.has(0)).toBe(true);
    expect(s.values.has('1')).toBe(false);
    expect(s.values.size).toBe(3);
    expect(s.keys.size).toBe(1);
    expect(s.value('0')).toEqual(r(7, 8));
    expect(s.key('a')).toEqual(r(5, 6, other));
  });

  it('finds every entry of a large mapping (past the point where it is indexed), in order', () => {
    const s = new NodeSource();
    const n = 5000;
    for (let i = 0; i < n; i++) s.putValue(`svc-${i}`, file, i, i + 1);
    for (let i = 0; i < n; i += 7) s.putKey(`svc-${i}`, other, 2 * i, 2 * i + 1);
    for (let i = 0; i < n; i++) {
      expect(s.value(`svc-${i}`)).toEqual(r(i, i + 1));
      expect(s.key(`svc-${i}`)).toEqual(i % 7 === 0 ? r(2 * i, 2 * i + 1, other) : undefined);
    }
    expect([...s.values].map(([k]) => k)).toEqual(Array.from({ length: n }, (_, i) => `svc-${i}`));
    expect(s.value('svc-5000')).toBeUndefined();
  });

  it('copies one child (value and key) and clones a whole node without sharing its table', () => {
    const from = {};
    setChildSource(from, 'image', r(10, 15), r(3, 8));
    const to = {};
    copyChildSource(from, 'image', to, 'img');
    expect(sourceOf(to)?.value('img')).toEqual(r(10, 15));
    expect(sourceOf(to)?.key('img')).toEqual(r(3, 8));
    const original = ensureSource({}, r(0, 9));
    original.putValue('a', file, 1, 2);
    const copy = original.clone();
    copy.putValue('a', other, 3, 4);
    expect(original.value('a')).toEqual(r(1, 2));
    expect(copy.value('a')).toEqual(r(3, 4, other));
    expect(copy.range).toEqual(r(0, 9));
  });

  it('locate: the value range, the key range with key: true, else the nearest ranged ancestor', () => {
    const root = { services: { web: { image: 'nginx' } } };
    ensureSource(root, r(0, 40)).putValue('services', file, 10, 40);
    ensureSource(root.services).putKey('web', file, 12, 15);
    ensureSource(root.services.web).putValue('image', file, 28, 33);
    expect(locate(root, ['services', 'web', 'image'])).toEqual(r(28, 33));
    expect(locate(root, ['services', 'web'], { key: true })).toEqual(r(12, 15));
    expect(locate(root, ['services', 'web'])).toEqual(r(10, 40));
    expect(file.position(28)).toEqual({ line: 3, column: 12 });
  });
});
