import { parseYaml } from '../../../src/loader/yaml-source.js';
import { SourceFile } from '../../../src/core/source.js';
import { Reporter } from '../../../src/diagnostics/report.js';
import { checkSchema } from '../../../src/loader/schema-check.js';
import { normalizeProject, type NormalizeContext } from '../../../src/loader/normalize/index.js';
import { isAbsolute, resolve } from '../../../src/core/path-posix.js';
import type { Project } from '../../../src/model/project.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

export interface LoadOptions {
  env?: Record<string, string>;
  envFiles?: Record<string, Record<string, string>>;
  projectName?: string;
  workingDir?: string;
  home?: string;
  /** Run the schema check first, as the loader does. */
  schema?: boolean;
}

/** Parses YAML text and normalizes it, as the loader's last stage does. */
export function load(text: string, options: LoadOptions = {}): { project: Project; diagnostics: Diagnostic[]; file: SourceFile } {
  const file = new SourceFile('compose.yaml', text);
  const reporter = new Reporter();
  const [doc] = parseYaml(file, reporter);
  if (options.schema) checkSchema(doc, reporter);
  const ctx: NormalizeContext = {
    workingDir: options.workingDir ?? '/project',
    resolve,
    isAbsolute,
    ...(options.home !== undefined ? { home: options.home } : {}),
    reporter,
    projectName: options.projectName ?? 'demo',
    lookup: (name) => options.env?.[name],
    envFiles: (p) => {
      const vars = options.envFiles?.[p];
      return vars ? new Map(Object.entries(vars)) : undefined;
    },
  };
  const project = normalizeProject((doc ?? {}) as Record<string, unknown>, ctx);
  return { project, diagnostics: reporter.diagnostics, file };
}

/** Loads a single service `svc` from its YAML body (indented under `services: svc:`). */
export function service(body: string, options: LoadOptions = {}) {
  const text = 'services:\n  svc:\n' + body.replace(/^/gm, '    ') + '\n';
  const r = load(text, options);
  return { ...r, svc: r.project.services.svc! };
}

export const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
