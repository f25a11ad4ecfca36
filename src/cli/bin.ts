#!/usr/bin/env -S node --
/**
 * The `compose2ecs` command. It starts the CLI bundle (dist/cli/main.cjs, src/cli/main.ts)
 * with V8's code cache, so that a run does not compile the same ~600 KB of JavaScript again:
 * that compilation was most of a small convert's time (docs/performance.md, start-up).
 * Node ≥ 22 has this built in (module.enableCompileCache), and this file uses it there; Node
 * 20 does not, so this file does what it does, with node:vm, and has V8 check each cache's
 * checksum (--verify-snapshot-checksum, set in start) as well as its source and flags.
 *
 * The cache is keyed by the bundle's content hash (dist/cli/main.id, written at build time),
 * the Node version, the CPU architecture and the command (see `variant`), and V8 checks it
 * again and rejects what does not fit. It lives beside the bundle, or in the user's cache directory when the package folder is
 * read-only; it is written after a run that compiled the compiler (not after --version), and
 * every failure to read or write it is ignored. COMPOSE2ECS_COMPILE_CACHE_DIR=DIR puts it in DIR
 * instead (a directory a CI job can keep between runs); COMPOSE2ECS_COMPILE_CACHE=0 turns it off.
 *
 * This file must stay small and import nothing of ours: it runs before any cache can help.
 *
 * The `--` in the #! line: node scans a script's whole command line for --env-file, even after
 * the script's name (nodejs/node#54232, Node 20 and 22), so `compose2ecs config --env-file
 * x.env` would make node read x.env itself (exit 9 when it is missing; a NODE_OPTIONS in it
 * obeyed). After `--` node reads no option. `env -S` splits the line; GNU, BSD and macOS env
 * have it, and npm's Windows shims understand it; BusyBox env (Alpine) does not (docs/cli.md).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

declare const __dirname: string;

type Main = { main(options: { importModule: (url: string) => Promise<Record<string, unknown>> }): void };

// What node:module's wrap() puts around a CommonJS module's source.
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n});';

const [first] = process.argv.slice(2);
// `--version` needs nothing but the version (src/cli/run.ts prints the same).
if (first === '--version' || first === '-v' || first === 'version') {
  process.stdout.write(`${(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version}\n`);
} else start();

/**
 * Which cache a run uses: one per command and built-in target, because each holds the code
 * its first run compiled, and a convert to Kubernetes runs other code than one to ECS.
 * Undefined for a run that compiles nothing worth keeping (help).
 */
function variant(args: readonly string[]): string | undefined {
  const [command, ...rest] = args;
  if (!command || !['config', 'convert', 'validate', 'explain'].includes(command) || rest.includes('--help') || rest.includes('-h')) return undefined;
  if (command === 'config' || command === 'explain') return command;
  let target = 'ecs';
  rest.forEach((a, i) => {
    const v = a === '--target' || a === '-t' ? rest[i + 1] : a.startsWith('--target=') ? a.slice('--target='.length) : undefined;
    if (v !== undefined) target = ['ecs', 'cloudformation', 'kubernetes'].includes(v) ? v : 'module';
  });
  return `${command}-${target}`;
}

/** This build's id (dist/cli/main.id), unless the cache is off or the id is missing. */
function buildId(): string | undefined {
  if (process.env.COMPOSE2ECS_COMPILE_CACHE === '0') return undefined;
  try {
    return readFileSync(join(__dirname, 'main.id'), 'latin1').trim();
  } catch {
    return undefined;
  }
}

/** Where the cache may be, in order: beside the bundle, then the user's cache directory. */
function cacheFiles(id: string, kind: string): string[] {
  const name = `main-${id}-${process.version}-${process.arch}-${kind}.v8cache`;
  const chosen = process.env.COMPOSE2ECS_COMPILE_CACHE_DIR;
  const dirs = chosen ? [chosen] : [join(__dirname, '.cache')];
  const home = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(process.env.HOME, '.cache') : undefined);
  if (!chosen && home) dirs.push(join(home, 'compose2ecs'));
  return dirs.map((d) => join(d, name));
}

/**
 * Writes the cache to the first place that takes it (atomically: concurrent runs may race),
 * and removes the caches of other builds there (`id`: this build's).
 */
function writeCache(files: readonly string[], data: Buffer, id: string): void {
  for (const f of files) {
    try {
      mkdirSync(dirname(f), { recursive: true });
      for (const old of readdirSync(dirname(f))) if (old.startsWith('main-') && !old.startsWith(`main-${id}-`)) rmSync(join(dirname(f), old), { force: true });
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([Buffer.from(cacheHeader(f), 'latin1'), data]));
      renameSync(tmp, f);
      return;
    } catch {
      // read-only: try the next place
    }
  }
}

/**
 * Node ≥ 22.1 keeps the compile cache itself (module.enableCompileCache), checking each entry
 * against checksums of the source and of the cached code. Returns false where Node lacks it,
 * and then this run is started here, with a cache when a directory takes it.
 */
function startWithNodeCache(dirs: readonly string[]): boolean {
  const nodeModule = require('node:module') as { enableCompileCache?: (dir?: string) => { status: number }; constants?: { compileCacheStatus?: Record<string, number> } };
  const statuses = nodeModule.constants?.compileCacheStatus;
  if (!nodeModule.enableCompileCache || !statuses) return false;
  // The first directory that takes it (the package folder may be read-only); none: no cache.
  dirs.some((d) => [statuses.ENABLED, statuses.ALREADY_ENABLED].includes(nodeModule.enableCompileCache?.(d).status));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(join(__dirname, 'main.cjs')) as Main).main({ importModule: (url) => import(url) as Promise<Record<string, unknown>> });
  return true;
}

/** An open file and its size. */
type Opened = { file: string; fd: number; size: number };

/** Opens a regular file for reading (throws for anything else, as readFileSync did for a directory). */
function open(file: string): Opened {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${file}: not a file`);
    return { file, fd, size: stat.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Reads `f` into `buffer` at `at`; returns the number of bytes read (fewer if it shrank). */
function readInto(f: Opened, buffer: Buffer, at: number): number {
  let length = 0;
  for (let n = -1; length < f.size && n !== 0; length += n) n = readSync(f.fd, buffer, at + length, f.size - length, length);
  return length;
}

/**
 * The bundle wrapped as a CommonJS module, then the cache's data if it passes its check, both
 * read through one buffer: every page of fresh memory a start touches costs it (a page fault
 * is ~15 µs on the machines measured), and `wrap(readFileSync(bundle))` plus
 * `readFileSync(cache)` touched four copies of ~1 MB where this touches two: the buffer and
 * the source string (docs/performance.md, "Round 3: the small convert"). The bundle is read
 * between the wrapper's head and tail, so the string is flat (a concatenation V8 would copy
 * once more before compiling); esbuild writes ASCII (it escapes the rest), so latin1 reads it
 * exactly, without UTF-8 decoding. The cache data is read over the bundle's bytes after the
 * string is made, and V8 is done with it when the Script is compiled.
 *
 * The check: the cache file's name heads it (writeCache), so a cache made for another build,
 * command or node and renamed is not given to V8 at all. V8 checks the rest: the source's
 * length, its own version and flags, the data's length, and, with --verify-snapshot-checksum
 * (set in start, before a cache is made or read), a checksum of the data, so a cache truncated
 * or altered is rejected (`cachedDataRejected`) and written anew. Without that flag a release
 * build of V8 checks no checksum and would run altered code.
 */
function readBundle(bundle: string, caches: readonly string[]): { source: string; cachedData?: Buffer } {
  let cache: Opened | undefined;
  for (const f of caches) {
    try {
      cache = open(f);
      break;
    } catch {
      // not there: try the next place
    }
  }
  try {
    const main = open(bundle);
    try {
      // A file far larger than any cache of this bundle is not one (V8's is ~1.3× the source):
      // not read at all, rather than a buffer of whatever size it has.
      if (cache && cache.size > 16 * main.size + (1 << 20)) {
        closeSync(cache.fd);
        cache = undefined;
      }
      const buffer = Buffer.allocUnsafeSlow(Math.max(HEAD.length + main.size + TAIL.length, cache?.size ?? 0));
      buffer.write(HEAD, 0, 'latin1');
      const end = HEAD.length + readInto(main, buffer, HEAD.length);
      buffer.write(TAIL, end, 'latin1');
      const source = buffer.toString('latin1', 0, end + TAIL.length);
      if (!cache) return { source };
      let cachedData: Buffer | undefined;
      try {
        const raw = buffer.subarray(0, readInto(cache, buffer, 0));
        const header = cacheHeader(cache.file);
        if (raw.subarray(0, header.length).toString('latin1') === header) cachedData = raw.subarray(header.length);
      } catch {
        // unreadable: no cache this time
      }
      return cachedData ? { source, cachedData } : { source };
    } finally {
      closeSync(main.fd);
    }
  } finally {
    if (cache) closeSync(cache.fd);
  }
}

/**
 * What heads a cache file: its own name, so that a cache renamed to another command's (each
 * holds the code its command compiled) is not taken, padded to 16 bytes so that the data after
 * it stays aligned (V8 copies data that is not).
 */
function cacheHeader(file: string): string {
  const name = `${basename(file)}\n`;
  return name.padEnd(Math.ceil(name.length / 16) * 16, ' ');
}

function start(): void {
  // Node compiles its own modules from a code cache built into it, and V8 takes that cache only
  // under the flags it was made with: a module first loaded after setFlagsFromString below is
  // compiled from its source (node:crypto with node:zlib: 4.3 → 8.0 ms of CPU). Standard output
  // and error are made here, before the flags, so the modules behind them (net for a pipe, tty
  // for a terminal) load with the cache; every run writes to both.
  // node:crypto too: the bundle loads it at its start (the --out manifest hashes each file).
  void process.stdout;
  void process.stderr;
  require('node:crypto');
  // Issue 22, peak memory. After a full collection V8 lets the old generation grow to about 4×
  // what survived it before collecting again, and a CLI run makes only one or two: the first
  // comes early in loading (~34 MB live at 5,000 services), so the next waits until ~140 MB
  // are used, the loader's garbage included, and that wait was the peak of every target
  // (238–250 MB of RSS, moving with the first one's timing). Growth by half collects when a
  // third of the heap is garbage: at 5,000 services ECS 251–260 → 234–239 MB with this alone,
  // 215–217 with the other steps of its round; Kubernetes 256–270 → 242–249, 227–232; no slower
  // at 1,000 (docs/performance.md, Round 3). V8 reads it at each collection, so setting it here
  // works (the heap's sizes it does not); set before the code cache is read or written, as V8
  // keys that cache by its flags.
  setFlagsFromString('--heap-growing-percent=50');
  const kind = variant(process.argv.slice(2));
  const id = kind === undefined ? undefined : buildId();
  const files = kind === undefined || id === undefined ? [] : cacheFiles(id, kind);
  if (startWithNodeCache(files.map((f) => join(dirname(f), 'node')))) return;
  // A CLI run is short. By default V8 starts optimizing a function with TurboFan, on background
  // threads, soon after it gets warm; in a run of well under a second that compiles code that
  // barely gets used (a small convert: 79 → 65 ms of CPU; 1,000 services: no slower). A
  // higher budget leaves TurboFan for what stays hot. Set before anything is compiled, the
  // same way every run: V8 keys its code cache by its flags. (Only here, on Node 20: the V8 of
  // Node 22 no longer has the flag.)
  setFlagsFromString('--interrupt-budget=1000000');
  // A code cache carries a checksum of its data, but a release build of V8 makes and checks it
  // only with this flag: without it a cache altered on disk (same length) would be run as it is.
  // With it, V8 rejects such a cache, and the launcher writes it anew. It replaces a SHA-256 of
  // the cache in JavaScript (~2 ms of a small convert; docs/performance.md, Round 4).
  setFlagsFromString('--verify-snapshot-checksum');
  const bundle = join(__dirname, 'main.cjs');
  const { source, cachedData } = readBundle(bundle, files);
  const script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (files.length > 0 && (!cachedData || script.cachedDataRejected)) {
    // At exit, so that the cache holds every function the run compiled.
    process.once('exit', () => {
      try {
        writeCache(files, script.createCachedData(), id ?? '');
      } catch {
        // no cache this time
      }
    });
  }
  const module = { exports: {} as Main };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, __dirname);
  module.exports.main({ importModule: (url) => import(url) as Promise<Record<string, unknown>> });
}
