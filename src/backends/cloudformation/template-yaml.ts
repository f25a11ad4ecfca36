/**
 * The template's YAML text a part at a time: byte for byte yamlText(sortKeys(template.toJSON())),
 * each entry of a section (`Resources.Web`) written when its turn comes, from a sorted copy of
 * that entry alone. The whole sorted template (a second copy of every resource) and its whole
 * text were held together before: at 5,000 services the YAML convert peaked 100 MB over the
 * JSON one (issue 22, docs/performance.md "Round 3: CloudFormation `--format yaml`").
 */
import { sortKeys, stableKeyOrder } from '../backend.js';
import type { YamlWriter } from '../yaml-text.js';
import type { Template } from './template.js';

/**
 * The parts of the template's YAML text, in order; their concatenation is
 * `write(sortKeys(t.toJSON()))`. One writer for all parts, so each distinct text is decided once.
 *
 * @example
 * [...templateYamlParts(new Template('demo'), yamlWriter())].join('') // 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: demo\nResources: {}\n'
 */
export function* templateYamlParts(t: Template, write: YamlWriter): Generator<string, void, undefined> {
  // Keys in sortKeys' order; toJSON leaves out the empty sections but Resources.
  yield write({ AWSTemplateFormatVersion: '2010-09-09' });
  yield* section('Conditions', t.conditions, write);
  yield write({ Description: t.description });
  yield* section('Outputs', t.outputs, write);
  yield* section('Parameters', t.parameters, write);
  yield* section('Resources', t.resources, write, true);
  yield* section('Rules', t.rules, write);
}

/**
 * `name:` and its entries, an entry a part, each written inside a one-entry section `_` and
 * cut from it (a block map entry's text depends only on its indentation, the same there); left
 * out when empty unless `always`. Section names are plain words, written as they are.
 */
function* section(name: string, entries: Record<string, unknown>, write: YamlWriter, always = false): Generator<string, void, undefined> {
  // sortKeys' order of the ids, without copying the entries.
  const ids = stableKeyOrder(Object.keys(entries));
  if (!ids.length) {
    if (always) yield write({ [name]: {} });
    return;
  }
  yield `${name}:\n`;
  for (const id of ids) yield write({ _: { [id]: sortKeys(entries[id]) } }).slice(SECTION_OPEN.length);
}

/** What the one-entry section of an entry's part adds before it. */
const SECTION_OPEN = '_:\n';
