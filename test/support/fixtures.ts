import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Host } from '../../src/loader/host.js';
import type { LoadProjectOptions } from '../../src/loader/options.js';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
/** Where a fixture's files appear to the compiler: the same absolute path on every machine. */
export const MOUNT = '/project';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Options a fixture may set in `case.json`, passed to loadProject (and to convert later). */
export interface FixtureCase {
  description?: string;
  files?: string[];
  env?: Record<string, string>;
  envFiles?: string[];
  profiles?: string[];
  projectName?: string;
  projectDirectory?: string;
  allowOutsideProject?: boolean;
  /** Backend options, for convert fixtures. */
  convert?: Record<string, unknown>;
}

export interface Fixture {
  name: string;
  dir: string;
  spec: FixtureCase;
  host: Host;
}

function walk(dir: string, into: Record<string, string | Uint8Array>, base: string): void {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry === 'expected' && dir === base) continue;
    if (statSync(p).isDirectory()) walk(p, into, base);
    else into[join(MOUNT, relative(base, p))] = readFileSync(p);
  }
}

export function listFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((n) => statSync(join(FIXTURES, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const files: Record<string, string | Uint8Array> = {};
      walk(dir, files, dir);
      const specPath = join(dir, 'case.json');
      const spec = existsSync(specPath) ? (JSON.parse(readFileSync(specPath, 'utf8')) as FixtureCase) : {};
      return { name, dir, spec, host: memoryHost(files, MOUNT) };
    });
}

/**
 * Compares `actual` with the golden file `expected/<name>`; with UPDATE_GOLDEN=1 writes it
 * instead (a reviewer reads the diff). Returns the expected text, or undefined when absent.
 */
export function golden(fixture: Fixture, name: string, actual: string): string | undefined {
  const path = join(fixture.dir, 'expected', name);
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
    return actual;
  }
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * The loadProject (and convert) options a fixture's case.json asks for.
 *
 * @example
 * await convert({ ...fixtureLoadOptions(fx), target: 'ecs' });
 */
export function fixtureLoadOptions(fx: Fixture): LoadProjectOptions {
  const { spec } = fx;
  return {
    host: fx.host,
    ...(spec.files ? { files: spec.files } : {}),
    env: spec.env ?? {},
    ...(spec.envFiles ? { envFiles: spec.envFiles } : {}),
    ...(spec.profiles ? { profiles: spec.profiles } : {}),
    ...(spec.projectName ? { projectName: spec.projectName } : {}),
    ...(spec.projectDirectory ? { projectDirectory: spec.projectDirectory } : {}),
    ...(spec.allowOutsideProject ? { allowOutsideProject: true } : {}),
  };
}
