/**
 * Relative paths in a service definition are relative to the directory of the file that holds
 * it. When a service is taken from another directory (`extends: {file}`, `include`), they are
 * made absolute so they still point at the same place.
 */
import type { Host } from './host.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';
import { setChildSource, sourceOf } from '../core/source.js';
import { splitColons } from './merge-keys.js';

/** A build context that is not a local path: a URL, a git remote. */
function isRemote(context: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(context) || context.startsWith('git@') || context.startsWith('github.com/');
}

/** An additional build context that names something else: `docker-image://…`, `service:web`, `target:base`, a URL. */
function isNamedContext(context: string): boolean {
  return isRemote(context) || /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(context);
}

/**
 * Makes the relative paths of `service` absolute against `dir`, in place (and returns it):
 * build (the string form, `context` — set to `dir` when absent — and `additional_contexts`,
 * URLs and git remotes left alone), env_file (strings and `path`), label_file, bind-mount
 * sources of volumes (short syntax whose source starts with `.`; long syntax `type: bind`),
 * and develop.watch paths. Paths starting with `~` stay as written (home of the user running
 * compose).
 *
 * @example
 * rebaseServicePaths({ build: './app', volumes: ['./data:/data', 'named:/x'] }, '/p/common', host)
 * // → { build: '/p/common/app', volumes: ['/p/common/data:/data', 'named:/x'] }
 */
export function rebaseServicePaths(service: Record<string, unknown>, dir: string, host: Host): Record<string, unknown> {
  const abs = (p: string): string => (p.startsWith('~') || host.isAbsolute(p) ? p : host.resolve(dir, p));
  const rewrite = (node: object, key: string | number, f: (s: string) => string): void => {
    const v = Array.isArray(node) ? node[key as number] : getOwn(node, String(key));
    if (typeof v !== 'string') return;
    const next = f(v);
    if (next === v) return;
    if (Array.isArray(node)) node[key as number] = next;
    else setOwn(node as Record<string, unknown>, String(key), next);
  };

  const build = getOwn(service, 'build');
  if (typeof build === 'string') rewrite(service, 'build', (c) => (isRemote(c) ? c : abs(c)));
  else if (isMapping(build)) {
    if (typeof getOwn(build, 'context') === 'string') rewrite(build, 'context', (c) => (isRemote(c) ? c : abs(c)));
    else {
      // No context means `.`, the directory of the file the service came from.
      setOwn(build, 'context', dir);
      setChildSource(build, 'context', sourceOf(service)?.values.get('build'));
    }
    const extra = getOwn(build, 'additional_contexts');
    if (isMapping(extra)) for (const k of Object.keys(extra)) rewrite(extra, k, (c) => (isNamedContext(c) ? c : abs(c)));
    else if (Array.isArray(extra)) {
      extra.forEach((_, i) =>
        rewrite(extra, i, (entry) => {
          const eq = entry.indexOf('=');
          if (eq < 0) return entry;
          const c = entry.slice(eq + 1);
          return isNamedContext(c) ? entry : entry.slice(0, eq + 1) + abs(c);
        }),
      );
    }
  }

  for (const key of ['env_file', 'label_file']) {
    const v = getOwn(service, key);
    if (typeof v === 'string') rewrite(service, key, abs);
    else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (typeof item === 'string') rewrite(v, i, abs);
        else if (isMapping(item)) rewrite(item, 'path', abs);
      });
    }
  }

  const volumes = getOwn(service, 'volumes');
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (typeof v === 'string') {
        rewrite(volumes, i, (spec) => {
          if (!spec.startsWith('.')) return spec;
          const [source = '', ...rest] = splitColons(spec);
          return rest.length === 0 ? spec : [abs(source), ...rest].join(':');
        });
      } else if (isMapping(v) && getOwn(v, 'type') === 'bind') rewrite(v, 'source', abs);
    });
  }

  const watch = getOwn(getOwn(service, 'develop'), 'watch');
  if (Array.isArray(watch)) for (const rule of watch) if (isMapping(rule)) rewrite(rule, 'path', abs);
  return service;
}
