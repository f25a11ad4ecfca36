import type { Reporter } from '../diagnostics/report.js';
import type { Host } from './host.js';

/** 03-compose-file: the default file names, in the order docker compose tries them. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

function overrideName(file: string): string {
  return file.replace(/\.(ya?ml)$/, '.override.$1');
}

/**
 * Finds the default compose file in `dir` or the nearest parent that has one, with its
 * matching `.override` file when present.
 */
export async function findDefaultFiles(host: Host, dir: string, reporter: Reporter): Promise<string[] | undefined> {
  let current = dir;
  for (let i = 0; i < 64; i++) {
    for (const name of DEFAULT_FILES) {
      const p = host.resolve(current, name);
      if (await host.exists(p)) {
        const o = host.resolve(current, overrideName(name));
        return (await host.exists(o)) ? [p, o] : [p];
      }
    }
    const parent = host.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  reporter.report('NO_COMPOSE_FILE', 'error', `no compose file found in ${dir} or its parents (looked for ${DEFAULT_FILES.join(', ')}); name one with -f`);
  return undefined;
}
