import type { Reporter } from '../diagnostics/report.js';
import type { Host } from './host.js';
import { SourceFile, type SourceRange } from '../core/source.js';
import { isInside } from '../core/path-posix.js';

/** Limits on what the loader reads. */
export interface ReadLimits {
  /** Largest file read, in bytes; also the most text YAML aliases may copy in one file. Default 16 MiB. */
  maxFileBytes: number;
}

export const defaultReadLimits: ReadLimits = { maxFileBytes: 16 * 1024 * 1024 };

export interface ReadRequest {
  path: string;
  /** What the file is, for messages: 'compose file', 'env file', … */
  what: string;
  /** Where the reference to this file was written, for the diagnostic. */
  from?: SourceRange | undefined;
  /** Directory the read must stay inside (refused otherwise), when set. */
  within?: string | undefined;
  /** Report a missing file as a warning instead of an error. */
  optional?: boolean;
}

/**
 * Reads a text file through the host, reporting (never throwing) when it is missing, a
 * directory or another file that is not a regular one (a FIFO, a device), too large (found
 * while reading: never more than the limit is read), outside the allowed directory, or not UTF-8 text.
 */
export async function readSource(host: Host, req: ReadRequest, reporter: Reporter, limits: ReadLimits = defaultReadLimits): Promise<SourceFile | undefined> {
  const at = { range: req.from, file: req.from ? undefined : req.path };
  if (req.within !== undefined) {
    let real: string | undefined;
    let root = req.within;
    if (host.realpath) {
      try {
        root = await host.realpath(req.within);
      } catch {
        /* the directory itself may not exist in a memory host */
      }
      try {
        real = await host.realpath(req.path);
      } catch {
        /* missing or a link loop: the read below reports it */
      }
    }
    // Where links resolve, only the resolved path counts: a link inside the project to a file
    // outside it is outside. The written path decides only when there is nothing to resolve.
    const inside = real !== undefined ? isInside(root, real) : isInside(req.within, req.path) || isInside(root, req.path);
    if (!inside) {
      reporter.report('FILE_OUTSIDE_PROJECT', 'error', `${req.what} ${req.path} is outside the project directory ${req.within}; reading it is refused (allow with the allowOutsideProject option or --allow-outside-project)`, at);
      return undefined;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await host.readFile(req.path, limits.maxFileBytes);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      reporter.report(req.what === 'env file' ? 'ENV_FILE_NOT_FOUND' : 'FILE_NOT_FOUND', req.optional ? 'warning' : 'error', `${req.what} not found: ${req.path}`, at);
    } else if (code === 'EISDIR') {
      reporter.report('FILE_READ_ERROR', 'error', `${req.what} ${req.path} is a directory, not a file`, at);
    } else if (code === 'EFBIG') {
      const size = (e as { size?: number }).size;
      reporter.report('FILE_TOO_LARGE', 'error', `${req.what} ${req.path} is ${size !== undefined ? `${size} bytes` : 'larger than that'}, over the limit of ${limits.maxFileBytes} (limit maxFileBytes)`, at);
    } else if (code === 'ENOTREGULAR' || code === 'ENXIO') {
      // ENXIO: what open() says of a Unix socket.
      const kind = (e as { kind?: string }).kind ?? 'socket';
      reporter.report('FILE_READ_ERROR', 'error', `${req.what} ${req.path} is a ${kind}, not a regular file; it is not read (for input from a pipe, use -f - and standard input)`, at);
    } else if (code === 'ELOOP') {
      reporter.report('FILE_READ_ERROR', 'error', `${req.what} ${req.path}: too many levels of symbolic links`, at);
    } else {
      reporter.report('FILE_READ_ERROR', 'error', `cannot read ${req.what} ${req.path}: ${(e as Error).message}`, at);
    }
    return undefined;
  }
  if (bytes.byteLength > limits.maxFileBytes) {
    reporter.report('FILE_TOO_LARGE', 'error', `${req.what} ${req.path} is ${bytes.byteLength} bytes, over the limit of ${limits.maxFileBytes} (limit maxFileBytes)`, at);
    return undefined;
  }
  const text = decodeText(bytes);
  if (text === undefined) {
    // Point at the first NUL or undecodable byte, in the text as a lossy decoder reads it.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.search(/[\u0000\ufffd]/);
    const range = bad < 0 ? undefined : { file: new SourceFile(req.path, lossy), start: bad, end: bad + 1 };
    const what = bad >= 0 && lossy[bad] === '\u0000' ? 'a NUL byte' : 'invalid UTF-8';
    reporter.report('FILE_NOT_TEXT', 'error', `${req.what} ${req.path} is not UTF-8 text (${what})`, req.from || !range ? at : { range });
    return undefined;
  }
  return new SourceFile(req.path, text);
}

/**
 * The directory a file the caller named (-f, --env-file, COMPOSE_FILE) must stay inside. One
 * rule holds for every file the loader opens: its real path, links resolved, must be inside the
 * project directory. The one exception is the caller's own choice of a file outside the project
 * (`-f ../ci/override.yaml`, `--env-file /run/secrets/prod.env`): a path the caller wrote
 * outside is read. A path the caller wrote inside is held to the rule, so a link inside the
 * project cannot lead out of it (docs/limits.md).
 *
 * @example
 * callerBoundary('/app', '/app/compose.yaml') // '/app'
 * callerBoundary('/app', '/etc/ci.env') // undefined: read wherever it is
 */
export function callerBoundary(boundary: string | undefined, path: string): string | undefined {
  return boundary !== undefined && isInside(boundary, path) ? boundary : undefined;
}

/** UTF-8 text without a BOM, or undefined for invalid UTF-8 and binary (NUL bytes). */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  if (text.includes('\u0000')) return undefined;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
