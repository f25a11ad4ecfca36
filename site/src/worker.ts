/**
 * The compile worker: the CLI's pipeline (the library's `compile` with a target, which is what
 * `convert` runs, over an in-memory host), off the page's thread so that typing stays
 * responsive in a large file. `compile` rather than `convert`: its result also holds the
 * project and the IR, for tabs drawn from them.
 */
import { compile, type CompileResult } from '../../src/compile.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { COMPOSE_FILE, PROJECT_DIR, type CompileReply, type CompileRequest, type OutputTab } from './protocol.js';

/**
 * The output tabs of one compile: one per document, named by the path the CLI's
 * `convert --out` writes it to. Further tabs (a deployment diagram: `diagramSvg(...)`, kind
 * 'svg', drawn from `result.ir`) go at the end of this list; the page renders whatever the list
 * holds.
 */
export function outputTabs(result: CompileResult): OutputTab[] {
  return result.outputs.map((o) => ({ id: `file:${o.path}`, label: o.path, kind: 'text' as const, content: o.contents }));
}

export async function compileRequest(req: CompileRequest): Promise<CompileReply> {
  const host = memoryHost({ [`${PROJECT_DIR}/${COMPOSE_FILE}`]: req.text }, PROJECT_DIR);
  const ecs = req.target !== 'kubernetes';
  const result = await compile({
    files: [COMPOSE_FILE],
    host,
    env: {},
    target: req.target,
    ...(ecs ? { layout: req.layout, launchType: req.launchType === 'ec2' ? 'EC2' : 'FARGATE' } : {}),
  });
  const findings = result.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
    ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
  }));
  return { id: req.id, tabs: outputTabs(result), findings };
}

// In a worker: answer each request. Loaded as a page script instead (a page opened from
// file://, where Chromium starts no worker from a file): give the page the function.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<CompileRequest>) => void) | null;
  postMessage(m: CompileReply): void;
  document?: unknown;
  compose2ecsPlayground?: { compileRequest: typeof compileRequest };
};
if (scope.document === undefined) {
  scope.onmessage = (e) => {
    void compileRequest(e.data).then(
      (reply) => scope.postMessage(reply),
      (err: unknown) => scope.postMessage(failed(e.data.id, err)),
    );
  };
} else {
  scope.compose2ecsPlayground = { compileRequest };
}

/** A reply for a compile that threw (the library never should: then it is a bug to report). */
export function failed(id: number, err: unknown): CompileReply {
  return { id, tabs: [], findings: [{ code: 'INTERNAL_ERROR', severity: 'error', message: `internal error in the playground (please report it): ${String(err)}` }] };
}
