/**
 * `--ecs-params FILE`: an ecs-cli ecs-params.yml, migrated into x-ecs settings under the
 * compose file's own (src/passes/migrate-ecs-params.ts) and passed to the passes as
 * PassOptions.baseSettings / baseServiceSettings.
 */
import type { CliIO } from './io.js';
import type { PassOptions } from '../passes/context.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { Reporter } from '../diagnostics/report.js';
import { SourceFile } from '../loader/source.js';
import { readEcsParams } from '../passes/migrate-ecs-params.js';
import { cwdOf, hostOf } from './common.js';

export interface EcsParamsResult {
  options: Pick<PassOptions, 'baseSettings' | 'baseServiceSettings'>;
  diagnostics: Diagnostic[];
}

/** Reads and migrates the file; a missing or unreadable file is an error finding, never a throw. */
export async function ecsParamsOptions(file: string, io: CliIO): Promise<EcsParamsResult> {
  const reporter = new Reporter();
  const host = await hostOf(io);
  const path = host.resolve(cwdOf(io), file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await host.readFile(path));
  } catch (e) {
    const code = (e as { code?: string })?.code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    const notText = e instanceof TypeError; // the decoder's answer to bytes that are not UTF-8
    const why = missing ? 'no such file' : notText ? 'not UTF-8 text' : `cannot read it (${(e as Error)?.message ?? String(e)})`;
    reporter.report(missing ? 'FILE_NOT_FOUND' : notText ? 'FILE_NOT_TEXT' : 'FILE_READ_ERROR', 'error', `--ecs-params ${file}: ${why}`, { file: path });
    return { options: {}, diagnostics: reporter.diagnostics };
  }
  const migrated = readEcsParams(new SourceFile(path, text), reporter);
  const options: EcsParamsResult['options'] = {};
  if (migrated) {
    options.baseSettings = migrated.project;
    options.baseServiceSettings = migrated.services;
  }
  return { options, diagnostics: reporter.diagnostics };
}
