/**
 * Service tags from deploy.labels (each member's, the later by name winning) and
 * x-ecs.service.tags (which win over labels). AWS tags allow less than compose labels: a
 * key of 1–128 and a value of up to 256 letters, digits, spaces and `_ . : / = + - @`, and no
 * `aws:` key prefix (ECS API Tag; AWS::ECS::Service Tag's pattern). A label that is not such a
 * tag is left out with a warning at the label; x-ecs.service.tags are the user's own, kept.
 */
import type { DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { Service } from '../../model/project.js';
import { compareText } from '../../core/text-order.js';

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// TAG_TEXT for ASCII text, where \p{L} is A-Z and a-z, \p{Z} the space and \p{N} 0-9: V8
// builds TAG_TEXT's Unicode tables the first time it runs (~0.5 ms of a CLI run).
const ASCII_TAG_TEXT = /^[A-Za-z0-9 _.:/=+\-@]*$/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Whether a text has only what AWS allows in tags: letters, digits, spaces and `_ . : / = + - @`.
 *
 * @example isTagText('team: web') // true
 */
export function isTagText(text: string): boolean {
  return NON_ASCII.test(text) ? TAG_TEXT.test(text) : ASCII_TAG_TEXT.test(text);
}

/** Why `key: value` cannot be an AWS tag, or undefined when it can. */
export function tagProblem(key: string, value: string): string | undefined {
  if (!key.length || [...key].length > 128) return 'a tag key has 1 to 128 characters';
  if ([...value].length > 256) return 'a tag value has at most 256 characters';
  if (/^aws:/i.test(key)) return 'tag keys starting with aws: are reserved for AWS';
  if (!isTagText(key) || !isTagText(value)) return 'tag keys and values allow letters, digits, spaces and _ . : / = + - @ only';
  return undefined;
}

type Report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]) => void;

/**
 * The service's tags as the ECS API takes them, sorted by key.
 *
 * @example
 * serviceTags(['web'], [{ deploy: { labels: { team: 'a', note: 'x#y' } } }], { env: 'prod' }, report)
 * // [{ key: 'env', value: 'prod' }, { key: 'team', value: 'a' }], and a warning at services.web.deploy.labels.note
 */
export function serviceTags(names: readonly string[], members: readonly Service[], given: Record<string, string> | undefined, report: Report): { key: string; value: string }[] {
  // A Map: a label named __proto__ is a key like any other.
  const tags = new Map<string, string>();
  members.forEach((m, i) => {
    for (const [key, value] of Object.entries(m.deploy?.labels ?? {})) {
      if (given && Object.hasOwn(given, key)) continue;
      const problem = tagProblem(key, String(value));
      if (problem) {
        report('ECS_UNSUPPORTED_FIELD', 'warning', `deploy.labels.${key} is not made a service tag: ${problem}`, ['services', names[i] as string, 'deploy', 'labels', key]);
        continue;
      }
      tags.set(key, String(value));
    }
  });
  for (const [key, value] of Object.entries(given ?? {})) tags.set(key, value);
  return [...tags.keys()].sort(compareText).map((key) => ({ key, value: tags.get(key) as string }));
}
