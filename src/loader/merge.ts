/**
 * Merging of compose files (`-f a.yaml -f b.yaml`, 13-merge) and of a service into the one
 * that `extends` it (05-services § extends). The engine is merge-core.ts, the per-attribute
 * rules merge-rules.ts, the identities of sequence elements merge-keys.ts.
 *
 * Results are new trees: no input is modified and no mapping or sequence of an input is
 * reused, so a result can be edited without touching the files it came from. Every value in a
 * result keeps the source range of the file it came from (`locate(result, path)`).
 */
import type { Reporter } from '../diagnostics/report.js';
import { getOwn, isMapping } from '../core/own.js';
import { sourceOf } from '../core/source.js';
import { cloneValue, mergeMapping, reusable, type At, type MergeCtx, type Path } from './merge-core.js';
import { NAMED, RULES } from './merge-rules.js';

export interface MergeServiceOptions {
  /**
   * Merge for `extends` (default false: for -f files). The `extends` key of the override is
   * not inherited, `dns`/`dns_search`/`tmpfs`/`env_file` keep duplicates (05-services §
   * extends, Sequences), the healthcheck `disable` restriction is checked, and the `!reset` /
   * `!override` tags of the override stay recorded on the result so that they still apply
   * when its file is merged over an earlier one.
   */
  extends?: boolean;
}

function context(reporter: Reporter, isExtends: boolean): MergeCtx {
  return { reporter, extends: isExtends, rules: RULES, named: NAMED };
}

/**
 * Merges `override` (a later -f file) into `base` per 13-merge and returns a new tree.
 * A key tagged `!reset` in the override is removed from the result, one tagged `!override`
 * replaces the earlier value without merging. A mapping over a sequence (or any other change
 * of shape the rules cannot reconcile) reports MERGE_TYPE_MISMATCH at the override value and
 * the override wins.
 *
 * @example
 * mergeCompose({ services: { foo: { dns: ['1.1.1.1'] } } }, { services: { foo: { dns: ['8.8.8.8'] } } }, reporter)
 * // → { services: { foo: { dns: ['1.1.1.1', '8.8.8.8'] } } }
 */
export function mergeCompose(base: Record<string, unknown>, override: Record<string, unknown>, reporter: Reporter, options: ReuseOptions = {}): Record<string, unknown> {
  return mergeMapping(at(base), at(override), '', [], { ...context(reporter, false), reuse: options.reuse === true });
}

export interface ReuseOptions {
  /**
   * The caller gives up the inputs (the loader's pipeline, which never reads them again): the
   * result may then hold values of the inputs themselves where a copy would be the same,
   * instead of a copy of every service (issue 22). Off by default: results are new trees.
   */
  reuse?: boolean;
}

/**
 * Merges the service `override` into `base` with the same rules as mergeCompose; `path`
 * (`['services', 'web']`) is where the result lives, for diagnostics.
 *
 * @example
 * mergeService({ image: 'busybox', environment: { TZ: 'utc', PORT: 80 } }, { extends: { service: 'common' }, environment: ['PORT=8080'] }, reporter, ['services', 'cli'], { extends: true })
 * // → { image: 'busybox', environment: { TZ: 'utc', PORT: '8080' } }
 */
export function mergeService(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
  reporter: Reporter,
  path: Path,
  options: MergeServiceOptions = {},
): Record<string, unknown> {
  const isExtends = options.extends === true;
  if (isExtends) checkHealthcheckDisable(base, override, reporter, path);
  return mergeMapping(at(base), at(override), 'services.*', path, context(reporter, isExtends));
}

/**
 * One file on its own, nothing to merge it with: a copy without the keys tagged `!reset`
 * (docker compose drops them from every file, the first one included).
 *
 * @example withoutMergeTags(parse('ports: !reset []\nimage: a')) // → { image: 'a' }
 */
export function withoutMergeTags(root: Record<string, unknown>, options: ReuseOptions = {}): Record<string, unknown> {
  if (options.reuse === true && reusable(root)) return root;
  return cloneValue(root, sourceOf(root)?.range) as Record<string, unknown>;
}

/** A root has no parent; the result takes its range from the node itself. */
function at(root: Record<string, unknown>): At {
  return { node: { v: root }, key: 'v' };
}

/**
 * 05-services § extends, Mappings: "the main mapping cannot specify `disable: true` unless the
 * referenced mapping also specifies `disable: true`". docker compose does not enforce this
 * (disabling an inherited healthcheck is common), so it is a warning rather than an error.
 */
function checkHealthcheckDisable(base: Record<string, unknown>, override: Record<string, unknown>, reporter: Reporter, path: Path): void {
  const bh = getOwn(base, 'healthcheck');
  const oh = getOwn(override, 'healthcheck');
  if (!isMapping(bh) || !isMapping(oh)) return;
  if (!isTrue(getOwn(oh, 'disable')) || isTrue(getOwn(bh, 'disable'))) return;
  reporter.warn(
    'EXTENDS_INVALID',
    'healthcheck.disable: true in a service that extends one whose healthcheck is not disabled; the compose spec forbids this (05-services § extends), docker compose accepts it',
    sourceOf(oh)?.values.get('disable'),
    [...path, 'healthcheck', 'disable'],
  );
}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}
