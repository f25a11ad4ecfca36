/** How the CLI process writes --out files: node:fs, synchronously behind the async CliIO. */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIO } from './io.js';

/**
 * The file operations of `--out` on the real file system. Synchronous: a CLI run writes a
 * handful of small files, and node:fs/promises would add its start-up and a round trip per
 * file (docs/performance.md).
 *
 * @example run(argv, { ...io, ...nodeOutputIO() });
 */
export function nodeOutputIO(): Required<Pick<CliIO, 'writeFile' | 'writeParts' | 'removeFile' | 'fileKind' | 'sha256'>> {
  const made = new Set<string>();
  const scratch = new Scratch();
  const inDirectory = (path: string): string => {
    const dir = dirname(path);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    return path;
  };
  return {
    async writeFile(path, contents) {
      inDirectory(path);
      // Encoded first: Node 20 writes a large text several times slower than the same bytes
      // (a 30 MB template: 175 → 10 + 11–60 ms CPU; docs/performance.md, issue 22), a piece at a time.
      writeInChunks(path, contents, CHUNK, scratch);
    },
    async writeParts(path, parts) {
      return writePartsInChunks(inDirectory(path), parts, CHUNK, scratch);
    },
    // node:crypto on bytes rather than Web Crypto: 20 ms instead of 140–300 for that template.
    async sha256(contents) {
      // A text is hashed as UTF-8 by node itself: no second Buffer of every output (issue 22, peak memory).
      const hash = createHash('sha256');
      if (typeof contents !== 'string') return hash.update(contents).digest('hex');
      forEachPiece(contents, CHUNK, (piece) => hash.update(piece, 'utf8'));
      return hash.digest('hex');
    },
    async removeFile(path) {
      rmSync(path, { force: true });
    },
    async fileKind(path) {
      try {
        const s = statSync(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      } catch {
        return undefined;
      }
    },
  };
}

/** Texts longer than this (UTF-16 units) are encoded and written a piece at a time. */
const CHUNK = 1 << 20;

/**
 * The bytes of the piece being written: one buffer for every file a writer writes (one writer
 * per nodeOutputIO, so per run), so writing 10,000 files leaves no Buffer behind for the
 * collector (issue 22, peak memory).
 */
export class Scratch {
  private buffer = Buffer.alloc(0);

  /** The UTF-8 bytes of `piece`, in this scratch buffer (valid until the next call). */
  encoded(piece: string): Buffer {
    const buffer = this.sized(piece.length * 3);
    return buffer.subarray(0, buffer.write(piece, 0, 'utf8'));
  }

  /** This scratch buffer, at least `bytes` long (its contents are not kept when it grows). */
  sized(bytes: number): Buffer {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair: 4 for 2): callers ask for 3 a unit.
    if (this.buffer.length < bytes) this.buffer = Buffer.allocUnsafe(Math.max(bytes, 1 << 16));
    return this.buffer;
  }
}

/**
 * Writes a text as UTF-8, at most `chunk` units at a time: the bytes of one piece at once
 * rather than a Buffer as large as the whole text (a 30 MB CloudFormation template, a 13 MB
 * Kubernetes file at 5,000 services; issue 22, peak memory). A piece never ends between the
 * two halves of a surrogate pair, so the bytes are those of Buffer.from(text).
 */
export function writeInChunks(path: string, text: string, chunk = CHUNK, scratch = new Scratch()): void {
  const fd = openSync(path, 'w');
  try {
    forEachPiece(text, chunk, (piece) => {
      const bytes = scratch.encoded(piece);
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the concatenation of `parts` as UTF-8 and returns its SHA-256 (hex): each part is
 * encoded into the scratch buffer as it comes, and the buffer written and hashed when about
 * `chunk` units fill it, so neither the whole text nor a piece of it joined is ever held (a
 * 30 MB CloudFormation template at 5,000 services, made a part at a time; issue 22).
 */
export function writePartsInChunks(path: string, parts: Iterable<string>, chunk = CHUNK, scratch = new Scratch()): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  // Each piece is encoded into the scratch buffer after the last; a full buffer is hashed and
  // written. A piece is at most chunk + 1 units (forEachPiece keeps a pair whole).
  const buffer = scratch.sized((chunk + 1) * 3);
  let used = 0;
  const flush = () => {
    const bytes = buffer.subarray(0, used);
    hash.update(bytes);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    used = 0;
  };
  const encode = (piece: string) => {
    if (used + piece.length * 3 > buffer.length) flush();
    used += buffer.write(piece, used, 'utf8');
  };
  try {
    let held = '';
    for (let part of parts) {
      if (held !== '') part = held + part;
      // A first half of a pair at the end waits for the next part: its bytes depend on what follows it.
      const last = part.charCodeAt(part.length - 1);
      held = last >= 0xd800 && last <= 0xdbff ? part.slice(-1) : '';
      forEachPiece(held === '' ? part : part.slice(0, -1), chunk, encode);
    }
    if (held !== '') encode(held);
    flush();
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Calls `each` with consecutive pieces of `text`, at most `chunk` units long, never cut
 * between the two halves of a surrogate pair (so their UTF-8 bytes, one after the other, are
 * the text's).
 */
export function forEachPiece(text: string, chunk: number, each: (piece: string) => void): void {
  if (text.length <= chunk) return each(text);
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + chunk, text.length);
    const last = text.charCodeAt(end - 1);
    // Ends on the first half of a pair: end before it, or after it when that would leave nothing.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > i ? -1 : 1;
    each(text.slice(i, end));
    i = end;
  }
}
