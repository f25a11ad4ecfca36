/**
 * Published host ports a generated project may keep: PORT_CONFLICT (src/rules/ports.ts) is an
 * error on every target when two entries publish one host port and protocol on one address,
 * and the shared arbitrary draws ports independently. Its files hit it mostly through
 * `extends`: a service inherits its base's ports, so base and extender both publish them.
 *
 * `withUniquePorts` mends a file: a service another one extends publishes nothing (its entries
 * keep their container port and protocol), and an entry that would publish a host port already
 * taken, in this file or in `taken` (another file of the project), is left unpublished.
 * `projectWithUniquePorts` does the same across the two generated files of a `composeProject()`.
 *
 * @example
 * const taken: Publication[] = [];
 * withUniquePorts(main, taken);
 * withUniquePorts(included, taken); // included's clashes with main are unpublished too
 */
import { parse as parseYaml } from 'yaml';
import { Reporter } from '../../src/diagnostics/report.js';
import { normalizePort } from '../../src/loader/normalize/ports.js';
import { toYaml, type ComposeDoc } from '../support/arbitraries.js';
import type { ComposeProject } from '../support/project-arbitrary.js';

/** One host port an entry publishes. */
export interface Publication {
  port: number;
  protocol: string;
  hostIp: string | undefined;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The single host ports one `ports` entry publishes, read by the loader's own normalizer (a
 * range is one publication per port). A host range for one container port (`8000-8010:80`)
 * lets docker pick a free port, so the rule counts it as no publication, and so does this.
 * @example publications('127.0.0.1:8000-8001:80-81') // [{ port: 8000, … }, { port: 8001, … }]
 */
export function publications(entry: unknown): Publication[] {
  return normalizePort(entry, new Reporter(), undefined, ['services', 'generated', 'ports', 0])
    .filter((p) => p.published !== undefined && /^\d+$/.test(p.published) && Number(p.published) !== 0)
    .map((p) => ({ port: Number(p.published), protocol: p.protocol, hostIp: p.host_ip }));
}

/** The rule's notion of one address: the same one, or either bound to every interface. */
function sameAddress(a: string | undefined, b: string | undefined): boolean {
  const any = (ip: string | undefined) => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

function clash(a: Publication, b: Publication): boolean {
  return a.port === b.port && a.protocol === b.protocol && sameAddress(a.hostIp, b.hostIp);
}

/**
 * The entry without its host side: `127.0.0.1:8080:80/udp` → `80/udp`, a mapping without
 * `published` and `host_ip`; a bare container port is already unpublished.
 */
export function unpublished(entry: unknown): unknown {
  if (typeof entry === 'string') return entry.split(':').pop();
  if (!isMap(entry)) return entry;
  const { published: _p, host_ip: _h, ...rest } = entry;
  return rest;
}

/** The service `svc` extends in its own file, if any. */
function sameFileBase(svc: Record<string, unknown>): string | undefined {
  const ext = svc.extends;
  if (typeof ext === 'string') return ext;
  return isMap(ext) && typeof ext.service === 'string' && ext.file === undefined ? ext.service : undefined;
}

/** The first of each item (the schema wants a service's ports unique, and unpublishing can repeat one). */
function distinct(list: unknown[]): unknown[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const id = JSON.stringify(item);
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/**
 * Mends `doc` in place (see the module comment) and returns it; the host ports it still
 * publishes are added to `taken`.
 */
export function withUniquePorts<T extends ComposeDoc>(doc: T, taken: Publication[] = []): T {
  const bases = new Set(Object.values(doc.services).map(sameFileBase));
  for (const [name, svc] of Object.entries(doc.services)) {
    if (!Array.isArray(svc.ports)) continue;
    const extended = bases.has(name);
    svc.ports = distinct(
      svc.ports.map((entry: unknown) => {
        const own = extended ? [] : publications(entry);
        if (extended || own.some((p) => taken.some((q) => clash(p, q)))) return unpublished(entry);
        taken.push(...own);
        return entry;
      }),
    );
  }
  return doc;
}

/**
 * A `composeProject()` whose included file publishes no host port its compose.yaml does: the
 * two are drawn independently (about one project in 3,000 clashes). The included file is
 * rewritten only when it changes.
 * @example fc.asyncProperty(composeProject(ecsComposeFile()).map(projectWithUniquePorts), async (p) => { … })
 */
export function projectWithUniquePorts(p: ComposeProject): ComposeProject {
  const INCLUDED = 'included/compose.yaml';
  const main = parseYaml(p.files['compose.yaml'] ?? '') as ComposeDoc | null;
  const text = p.files[INCLUDED];
  const included = text === undefined ? null : (parseYaml(text) as ComposeDoc | null);
  if (!main?.services || !included?.services) return p;
  const taken: Publication[] = [];
  withUniquePorts(main, taken);
  const before = JSON.stringify(included);
  withUniquePorts(included, taken);
  return JSON.stringify(included) === before ? p : { ...p, files: { ...p.files, [INCLUDED]: toYaml(included) } };
}
