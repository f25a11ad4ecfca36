// After the build: writes dist/cli/main.id, the content hash of the CLI bundle, which keys
// its V8 code cache (src/cli/bin.ts): a cache is used only for the exact bundle it was made from.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const bundle = readFileSync(new URL('../dist/cli/main.cjs', import.meta.url));
// The launcher reads the bundle as latin1 (no UTF-8 decoding): it must be ASCII, which esbuild
// writes by default (charset: ascii escapes everything else).
const at = bundle.findIndex((b) => b > 0x7f);
if (at !== -1) throw new Error(`dist/cli/main.cjs is not ASCII (byte ${at}): src/cli/bin.ts reads it as latin1`);
writeFileSync(new URL('../dist/cli/main.id', import.meta.url), createHash('sha256').update(bundle).digest('hex').slice(0, 20) + '\n');
