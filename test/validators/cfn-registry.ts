/**
 * The CloudFormation registry schemas that `@aws/cloudformation-validate` bundles, read back for
 * the attribute names `Fn::GetAtt` accepts: a resource type's `readOnlyProperties`.
 *
 * The package keeps its data as zstd frames inside its WebAssembly file and exposes no schema
 * API, and Node 20's zlib has no zstd; so the frames are found by their magic number, measured
 * by walking their block headers, and each is decompressed by `fzstd` (a zstd decoder in plain
 * JavaScript, a dev dependency: no system program needed). The one whose JSON maps type names
 * to `{ type_name, read_only_properties }` is the registry. No WebAssembly engine is started.
 */
import { readFileSync } from 'node:fs';
import { decompress } from 'fzstd';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** GetAtt attribute names per resource type, from the bundled registry schemas. */
export interface CfnRegistry {
  /** The attribute names of `type` (`Endpoint.Address` for `/properties/Endpoint/Address`), or undefined for a type the registry lacks. */
  attributes(type: string): ReadonlySet<string> | undefined;
  /** How many resource types the registry holds. */
  readonly size: number;
}

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
// The registry frame starts `{"<Vendor>::<Service>::<Type>":{"type_name":`.
const REGISTRY_START = /^\{"[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+":\{"type_name":/;

/**
 * Reads the registry out of the installed package (~0.3 s; call once per test file).
 *
 * @example
 * const registry = loadCfnRegistry();
 * registry.attributes('AWS::ECS::Service'); // Set { 'Name', 'ServiceArn' }
 */
export function loadCfnRegistry(): CfnRegistry {
  const wasm = readFileSync(wasmPath());
  for (let at = wasm.indexOf(ZSTD_MAGIC); at !== -1; at = wasm.indexOf(ZSTD_MAGIC, at + 1)) {
    const frame = frameAt(wasm, at);
    // Small frames are rule tables; a frame that does not declare its size may be anything.
    if (!frame || (frame.contentSize > 0 && frame.contentSize < 1_000_000) || frame.length < 100_000) continue;
    let bytes: Uint8Array;
    try {
      bytes = decompress(wasm.subarray(at, at + frame.length));
    } catch {
      continue; // not a frame after all
    }
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!REGISTRY_START.test(text.toString('utf8', 0, 200))) continue;
    return registryOf(text.toString('utf8'));
  }
  throw new Error('@aws/cloudformation-validate: no registry schemas found in its WebAssembly file (has its layout changed?)');
}

function wasmPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@aws/cloudformation-validate')), 'bindings_wasm_bg.wasm');
}

/**
 * Each type's `read_only_properties`, found by scanning the text rather than parsing all of it
 * (8.8 MB of JSON; a parse costs ~0.5 s): a schema opens with `"type_name":"<type>"`, and its one
 * `"read_only_properties":[...]` comes before the next schema's `type_name`.
 */
function registryOf(text: string): CfnRegistry {
  const byType = new Map<string, ReadonlySet<string>>();
  const starts = [...text.matchAll(/"type_name":"([^"]+)"/g)];
  starts.forEach((start, i) => {
    const end = starts[i + 1]?.index ?? text.length;
    const at = text.indexOf('"read_only_properties":[', start.index);
    const list = at !== -1 && at < end ? (JSON.parse(text.slice(at + 23, text.indexOf(']', at) + 1)) as string[]) : [];
    const names = list
      .map((p) => (p.startsWith('/properties/') ? p.slice('/properties/'.length).split('/').join('.') : p))
      .filter((name) => !name.includes('*')); // an attribute of list items is not GetAtt-able by one name
    byType.set(start[1]!, new Set(names));
  });
  return { attributes: (type) => byType.get(type), size: byType.size };
}

/** A zstd frame's total length and declared content size (RFC 8878 §3.1.1), or undefined if the bytes are not one. */
function frameAt(buf: Buffer, at: number): { length: number; contentSize: number } | undefined {
  let p = at + 4;
  const descriptor = buf[p++];
  if (descriptor === undefined || (descriptor & 0x08) !== 0) return undefined; // reserved bit set
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  const checksum = (descriptor & 0x04) !== 0;
  if (!singleSegment) p += 1; // window descriptor
  p += [0, 1, 2, 4][descriptor & 0x03]!;
  const fcsSize = fcsFlag === 0 ? (singleSegment ? 1 : 0) : [0, 2, 4, 8][fcsFlag]!;
  let contentSize = 0;
  for (let i = fcsSize - 1; i >= 0; i--) contentSize = contentSize * 256 + (buf[p + i] ?? 0);
  if (fcsSize === 2) contentSize += 256;
  p += fcsSize;
  for (;;) {
    if (p + 3 > buf.length) return undefined;
    const header = buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16);
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) return undefined; // reserved block type
    p += 3 + (type === 1 ? 1 : size); // an RLE block stores one byte
    if (last) break;
  }
  if (checksum) p += 4;
  return p <= buf.length ? { length: p - at, contentSize } : undefined;
}
