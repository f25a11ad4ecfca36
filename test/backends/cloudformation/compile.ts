/**
 * Compiles a compose file (text) to a CloudFormation template in memory, for the tests of the
 * CloudFormation backend; every test file validates what it compiles with one engine.
 */
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, expect } from 'vitest';
import { createCfnValidator, formatCfnFindings, type CfnValidator } from '../../validators/cloudformation.js';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

/** Templates are read loosely: tests index into them freely. */
export type Json = Record<string, any>;

export interface Compiled {
  /** The template as data; empty when there are errors. */
  template: Json;
  /** The template as emitted. */
  contents: string;
  path: string;
  diagnostics: Diagnostic[];
}

/** `options`: convert options (layout, launchType, backendOptions, …). */
export async function compile(compose: string, options: Partial<ConvertOptions> = {}): Promise<Compiled> {
  const host = memoryHost({ '/p/compose.yaml': compose }, '/p');
  const { outputs, diagnostics } = await convert({ host, target: 'cloudformation', ...options } as ConvertOptions);
  const out = outputs[0];
  const contents = out?.contents ?? '';
  const template = !out ? {} : out.path.endsWith('.yaml') ? (parseYaml(contents) as Json) : (JSON.parse(contents) as Json);
  return { template, contents, path: out?.path ?? '', diagnostics };
}

/** `code severity path` of each diagnostic, for compact assertions. */
export const brief = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code} ${d.severity} ${d.path ?? ''}`);

/** Resources of a type, by logical ID. */
export function ofType(template: Json, type: string): Record<string, Json> {
  return Object.fromEntries(Object.entries((template.Resources ?? {}) as Record<string, Json>).filter(([, r]) => r.Type === type));
}

/**
 * A check that a compiled stack passes cloudformation-validate, with one validator started
 * before the file's tests and disposed after them (call at the top of a test file).
 */
export function templateValidity(): (c: Compiled) => Promise<void> {
  let cfn: CfnValidator;
  beforeAll(async () => {
    cfn = await createCfnValidator();
  });
  afterAll(() => cfn.dispose());
  return async (c) => {
    expect(formatCfnFindings(await cfn.validate(c.contents, c.path))).toBe('');
  };
}
