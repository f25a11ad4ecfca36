/**
 * YAML text for deployers that read YAML 1.1 (CloudFormation, kubectl's go-yaml): a text value
 * that a YAML 1.1 or 1.2 reader would take for a boolean, number, null or timestamp (`on`,
 * `1_000`, `0o17`, `1:20`, `~`) is quoted, so the value reaches the deployer as text.
 */
import { Document, isScalar, parse, visit, type Tags } from 'yaml';
import { blockYaml, textTable, type TextStyles, type TextTable } from './yaml-block.js';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** Options for `Document#toString`: no line folding. */
export interface YamlTextOptions {
  lineWidth?: number;
  minContentWidth?: number;
}

// Go's strconv.ParseInt (base 0), which go-yaml uses for plain scalars, also takes upper-case
// base prefixes and digit separators that neither YAML schema lists.
const GO_INTEGER = /^[-+]?(0[bBoOxX]_?[0-9a-fA-F_]+|[0-9][0-9_]*)$/;

/**
 * What a text must look like for any reader to take it for another type: a boolean or null
 * word, or a start that numbers, timestamps, `~`, `<<` and `=` have. Everything else is text
 * without asking the parser (which would cost two parses per string of a large output).
 */
const MAYBE_TYPED = /^(?:[-+.0-9~=<]|(?:y|yes|n|no|on|off|true|false|null)$)/i;

/**
 * Texts that read as themselves with no parse: one word of letters, digits and `._-+/:${}@`
 * (nothing that starts a comment, a flow collection or a document marker), holding a character
 * that no number, timestamp, boolean or null of YAML 1.1 or 1.2 has. Image references such as
 * `123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:${Tag}` start with a digit and were
 * parsed twice each: half of the texts parsed in a 1,000-service template (issue 22).
 * test/properties/yaml-text-decisions.test.ts holds this to the parse's answer.
 */
const ONE_WORD = /^(?!---|\.\.\.)[\w.\-+/:${}@]*$/;
const NEVER_TYPED = /[ghjkmpqvwGHJKMPQVW/${}@]/;

// Without the merge tag, a text `<<` is written as text (quoted below) rather than as a merge key.
const customTags = (tags: Tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== MERGE_TAG);

/**
 * The text decisions of the direct writer: readsAsText, and the check `yaml`'s plainString
 * makes before writing a text plain (a default tag of the YAML 1.1 schema other than `str`
 * whose test matches), run on the same schema the Document path uses.
 */
function textStyles(): TextStyles {
  const schema = new Document(null, { version: '1.1', customTags }).schema;
  const other = [...schema.tags, ...(schema.compat ?? [])].filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test);
  return { readsAsText, matchesOtherTag: (text) => other.some((tag) => tag.test?.test(text)) };
}

/**
 * false when a YAML 1.1 or 1.2 reader would take the plain text for another type (the writer
 * then double-quotes it).
 *
 * @example
 * readsAsText('on') // false
 */
export function readsAsText(text: string): boolean {
  if (text.includes('\n')) return true;
  if (text !== '' && !MAYBE_TYPED.test(text)) return true;
  // `<<` is YAML 1.1's merge key and `=` its value key.
  if (GO_INTEGER.test(text) || text === '<<' || text === '=') return false;
  if (isUntypedWord(text)) return true;
  return readsAsTextByParse(text);
}

/**
 * true for a text that reads as itself with no parse (ONE_WORD and NEVER_TYPED above).
 *
 * @example
 * isUntypedWord('1234.dkr.ecr.eu-west-1.amazonaws.com/web:${Tag}') // true
 * isUntypedWord('1e3') // false
 */
export function isUntypedWord(text: string): boolean {
  return NEVER_TYPED.test(text) && ONE_WORD.test(text);
}

/**
 * readsAsText's answer from `yaml` itself, for what the checks above do not decide: the text
 * read as a plain scalar by a YAML 1.1 and a YAML 1.2 reader.
 *
 * @example
 * readsAsTextByParse('1:20') // false (YAML 1.1 reads 80)
 */
export function readsAsTextByParse(text: string): boolean {
  for (const version of ['1.1', '1.2'] as const) {
    let read: unknown;
    try {
      read = parse(text, { version, uniqueKeys: false });
    } catch {
      continue; // not a plain scalar: the writer quotes it anyway
    }
    if (read === text) continue;
    if (read === null || typeof read !== 'object' || read instanceof Date) return false;
  }
  return true;
}

/**
 * `value` as YAML 1.1 text, with no anchors and every ambiguous text value double-quoted.
 *
 * @example
 * yamlText({ FLAG: 'on', N: '1_000', mode: '0o17' }) // 'FLAG: "on"\nN: "1_000"\nmode: "0o17"\n'
 */
export function yamlText(value: unknown, options: YamlTextOptions = {}): string {
  return yamlWriter()(value, options);
}

/** yamlText for many documents of one output: the text decisions are made once per distinct text. */
export type YamlWriter = (value: unknown, options?: YamlTextOptions) => string;

/**
 * A writer that remembers its text decisions across the documents it writes (a Kubernetes
 * output repeats most texts). One per output, not per process: no state outlives a compile.
 *
 * @example
 * const write = yamlWriter();
 * objects.map((o) => write(o)).join('---\n')
 */
export function yamlWriter(): YamlWriter {
  let styles: TextStyles | undefined;
  let table: TextTable | undefined;
  return (value, options = {}) => {
    // Plain data without line folding (every caller): written directly (yaml-block.ts).
    if (!options.lineWidth) {
      styles ??= textStyles();
      table ??= textTable(styles);
      const direct = blockYaml(value, styles, table);
      if (direct !== undefined) return direct;
    }
    return yamlTextByDocument(value, options);
  };
}

/**
 * yamlText through a `yaml` Document: what the direct writer leaves to `yaml`, and the
 * reference the tests compare the direct writer with.
 *
 * @example
 * yamlTextByDocument({ FLAG: 'on' }) // 'FLAG: "on"\n'
 */
export function yamlTextByDocument(value: unknown, options: YamlTextOptions = {}): string {
  const doc = new Document(value, { version: '1.1', customTags, aliasDuplicateObjects: false });
  // One decision per distinct text: a template repeats most of its texts many times.
  const decided = new Map<string, boolean>();
  const asText = (text: string) => {
    let reads = decided.get(text);
    if (reads === undefined) decided.set(text, (reads = readsAsText(text)));
    return reads;
  };
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && !asText(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, ...options });
}
