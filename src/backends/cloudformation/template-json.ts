/**
 * The template's JSON text a part at a time: byte for byte stableJson(template.toJSON()), each
 * entry of a section (`Resources.Web`) written when its turn comes. A writer that takes the
 * parts one by one (the CLI's --out) never holds the text: at 5,000 services it was a 30 MB
 * tree of pieces beside the ~38 MB template, copied flat once more when written, and the
 * process peaked there (issue 22, docs/performance.md "Round 3: CloudFormation peak memory").
 */
import { inStableOrder, stableKeyOrder } from '../backend.js';
import type { Template } from './template.js';

/**
 * The parts of the template's text, in order; their concatenation is stableJson(t.toJSON()).
 *
 * @example
 * [...templateJsonParts(new Template('demo'))].join('') // '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Description": "demo",\n  "Resources": {}\n}\n'
 */
export function* templateJsonParts(t: Template): Generator<string, void, undefined> {
  yield '{\n  "AWSTemplateFormatVersion": "2010-09-09"';
  yield* section('Conditions', t.conditions);
  yield `,\n  "Description": ${JSON.stringify(t.description)}`;
  yield* section('Outputs', t.outputs);
  yield* section('Parameters', t.parameters);
  yield* section('Resources', t.resources, true);
  yield* section('Rules', t.rules);
  yield '\n}\n';
}

/** `"name": {…}` with its entries in stableJson's key order, an entry a part; left out when empty unless `always`. */
function* section(name: string, entries: Record<string, unknown>, always = false): Generator<string, void, undefined> {
  const ids = stableKeyOrder(Object.keys(entries));
  if (!ids.length && !always) return;
  if (!ids.length) {
    yield `,\n  ${JSON.stringify(name)}: {}`;
    return;
  }
  let before = `,\n  ${JSON.stringify(name)}: {\n    `;
  for (const id of ids) {
    yield before + entryJson(id, entries[id]);
    before = ',\n    ';
  }
  yield '\n  }';
}

/**
 * One entry, key and value, as stableJson writes it two levels deep in the template. JSON.stringify
 * indents the value inside wrapping objects, which are then cut off; their keys are always the
 * same, so V8 makes no new object shape per logical ID.
 */
function entryJson(id: string, value: unknown): string {
  const text = JSON.stringify({ _: { _: inStableOrder(value) } }, null, 2);
  return `${JSON.stringify(id)}: ${text.slice(ENTRY_OPEN.length, text.length - ENTRY_CLOSE.length)}`;
}

/** What the wrapping objects of entryJson add before and after the value. */
const ENTRY_OPEN = '{\n  "_": {\n    "_": ';
const ENTRY_CLOSE = '\n  }\n}';
