/**
 * 05-services command, entrypoint, healthcheck, pre_start / post_start / pre_stop, and
 * develop.md: what a container runs. A command string is split into words as compose splits it.
 */
import type { Develop, Healthcheck, PreStartHook, ServiceHook, WatchRule } from '../../model/service-parts.js';
import { ensureSource } from '../../core/source.js';
import { invalid, type At, type Normalizer } from './at.js';
import { object } from './object.js';
import { bool, describe, duration, envMapping, int, listOf, oneOf, path, str, stringOrList, strings } from './scalars.js';
import { splitShellWords } from './shell-words.js';

/**
 * `command` / `entrypoint`: a list as written, or a string split by shell-word rules (`''`
 * gives `[]`, which clears the image's value).
 */
export const shellCommand: Normalizer<string[]> = (v, at) => {
  if (Array.isArray(v)) return strings(v, at);
  if (typeof v !== 'string') return invalid(at, `expected a command as text or a list, got ${describe(v)}`);
  const split = splitShellWords(v);
  if (!split) return invalid(at, 'the command has an unclosed quote, a trailing backslash or a stray "(": write it as a list');
  if (split.ignored !== undefined) {
    invalid(
      at,
      `docker compose runs no shell here and ignores "${split.ignored}"; write it as ["sh", "-c", "…"] to run it in a shell`,
      'warning',
    );
  }
  ensureSource(split.words, at.range);
  return split.words;
};

/** `healthcheck.test`: a string means `['CMD-SHELL', string]`. */
const healthTest: Normalizer<string[]> = (v, at) => {
  if (typeof v === 'string') {
    const out = ['CMD-SHELL', v];
    ensureSource(out, at.range);
    return out;
  }
  return strings(v, at);
};

/** 05-services healthcheck: durations in seconds. */
export const healthcheck: Normalizer<Healthcheck> = object<Healthcheck>({
  disable: bool,
  interval: duration,
  retries: int,
  test: healthTest,
  timeout: duration,
  start_period: duration,
  start_interval: duration,
});

function requireKeys<T>(keys: string[]): (out: Record<string, unknown>, at: At) => T | undefined {
  return (out, at) => {
    const missing = keys.filter((k) => !Object.hasOwn(out, k));
    if (missing.length > 0) return invalid(at, `${missing.map((k) => `"${k}"`).join(' and ')} must be set`);
    return out as T;
  };
}

/** A lifecycle hook (post_start, pre_stop, develop.watch[].exec). */
export const serviceHook: Normalizer<ServiceHook> = object<ServiceHook>(
  {
    command: shellCommand,
    user: str,
    privileged: bool,
    working_dir: str,
    environment: envMapping('null'),
  },
  requireKeys(['command']),
);

/** `post_start` / `pre_stop`. */
export const hooks: Normalizer<ServiceHook[]> = listOf(serviceHook);

/**
 * 05-services pre_start: init containers. Each step's fields are read as the service's own
 * (command short or long, environment list or mapping); `command` may be left out, since the
 * image's entrypoint may be the step.
 */
export const preStartHooks: Normalizer<PreStartHook[]> = listOf(
  object<PreStartHook>({
    command: shellCommand,
    image: str,
    user: str,
    privileged: bool,
    working_dir: str,
    environment: envMapping('null'),
    per_replica: bool,
  }),
);

const watchRule: Normalizer<WatchRule> = object<WatchRule>(
  {
    ignore: stringOrList,
    include: stringOrList,
    path,
    action: oneOf('rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'),
    target: str,
    exec: serviceHook,
    initial_sync: bool,
  },
  requireKeys(['path', 'action']),
);

/** develop.md `develop`. */
export const develop: Normalizer<Develop> = object<Develop>({ watch: listOf(watchRule) });
