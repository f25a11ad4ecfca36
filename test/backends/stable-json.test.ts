import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonOutput, outputWithValueOnDemand, sortKeys, stableJson } from '../../src/backends/backend.js';

const copyWritten = (v: unknown) => JSON.stringify(sortKeys(v), null, 2) + '\n';

// Keys V8 orders by number ('0', '10', '4294967294'), look-alikes it does not ('01', '4294967295', '-1'), and text.
const key = fc.oneof(fc.constantFrom('0', '1', '2', '9', '10', '01', '-1', '4294967294', '4294967295', '99999999999', '__proto__', 'a', 'B', 'b', 'é', ''), fc.string({ maxLength: 3 }));
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
})) as { value: fc.Arbitrary<unknown> };

describe('stableJson: keys sorted at every level, written without a copy when already in order', () => {
  it('writes any data, sorted or not, as JSON.stringify writes its sorted copy', () => {
    fc.assert(
      fc.property(data.value, (v) => {
        expect(stableJson(v)).toBe(copyWritten(v));
        expect(stableJson(sortKeys(v))).toBe(copyWritten(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a value sorted in part (sorted parts shared, the rest copied) as its sorted copy, and leaves it as it was', () => {
    fc.assert(
      fc.property(data.value, data.value, (a, b) => {
        const mixed = { z: sortKeys(a), a: b, m: [sortKeys(b), a, { y: a, b: sortKeys(a) }] };
        const before = JSON.stringify(mixed);
        const keysBefore = Object.keys(mixed);
        expect(stableJson(mixed)).toBe(copyWritten(mixed));
        expect(JSON.stringify(mixed)).toBe(before);
        expect(Object.keys(mixed)).toEqual(keysBefore);
      }),
      { numRuns: 1000 },
    );
  });

  it('puts index keys first in numeric order, then the rest by code point', () => {
    expect(stableJson({ b: 1, 10: 2, 9: 3, a: 4, '01': 5 })).toBe('{\n  "9": 3,\n  "10": 2,\n  "01": 5,\n  "a": 4,\n  "b": 1\n}\n');
  });
});

describe('jsonOutput: a JSON document whose value is read back from its text', () => {
  it('holds stableJson of the value, and gives the sorted data back, the same object each time', () => {
    const doc = { family: 'web', containerDefinitions: [{ name: 'web', portMappings: [{ containerPort: 80 }], z: undefined }], cpu: '256' };
    const out = jsonOutput('web.task-definition.json', doc);
    expect(out.contents).toBe(stableJson(doc));
    expect(out.value).toEqual(sortKeys(doc));
    expect(Object.keys(out.value as object)).toEqual(['containerDefinitions', 'cpu', 'family']);
    expect(out.value).toBe(out.value);
    expect({ ...out }).toEqual({ path: 'web.task-definition.json', contents: stableJson(doc), value: sortKeys(doc) });
  });
});

describe('outputWithValueOnDemand: the value read from JSON text when first asked for', () => {
  it('equals JSON.parse of the contents, any data, and is the same object on each access', () => {
    fc.assert(
      // A document is an object or an array at the top (JSON.stringify writes no JSON for undefined).
      fc.property(data.value, (v) => {
        const out = jsonOutput('doc.json', { doc: v, list: [v] });
        const first = out.value;
        expect(first).toEqual(JSON.parse(out.contents));
        expect(JSON.stringify(first)).toBe(JSON.stringify(JSON.parse(out.contents)));
        expect(out.value).toBe(first);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a __proto__ key as an own key, and sets no prototype', () => {
    const out = jsonOutput('doc.json', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    const value = out.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reads a list of JSON texts as the array of their values, whatever the contents say', () => {
    const out = outputWithValueOnDemand('stream.yaml', 'a: 1\n---\nb: 2\n', ['{"a":1}', '{"b":[2]}']);
    expect(out.value).toEqual([{ a: 1 }, { b: [2] }]);
    expect(out.value).toBe(out.value);
    expect(Object.keys(out)).toEqual(['path', 'contents', 'value']);
  });

  it('takes a value assigned to it instead', () => {
    const out = jsonOutput('doc.json', { a: 1 });
    out.value = { b: 2 };
    expect(out.value).toEqual({ b: 2 });
    expect({ ...out }).toEqual({ path: 'doc.json', contents: '{\n  "a": 1\n}\n', value: { b: 2 } });
  });
});
