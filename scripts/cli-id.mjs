// After the build: writes dist/cli/main.id, the content hash of the CLI bundle, which keys
// its V8 code cache (src/cli/bin.ts): a cache is used only for the exact bundle it was made from.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const bundle = readFileSync(new URL('../dist/cli/main.cjs', import.meta.url));
writeFileSync(new URL('../dist/cli/main.id', import.meta.url), createHash('sha256').update(bundle).digest('hex').slice(0, 20) + '\n');
