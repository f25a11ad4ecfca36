/** `convert --out DIR`: what it writes, what it refuses, and what it removes of an earlier run. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { cli, ROOT, tempProject } from './cli-harness.js';
import { forEachPiece, nodeOutputIO, writeInChunks, writePartsInChunks } from '../../src/cli/node-io.js';
import { convert as convertProject } from '../../src/convert.js';
import { sha256 } from '../../src/cli/output-manifest.js';

const service = (name: string) => `  ${name}:\n    image: nginx:1.27\n    mem_limit: 256m\n`;
const compose = (...names: string[]) => `services:\n${names.map(service).join('')}`;

/** convert run in `dir` with the real file system, as the CLI process runs it. */
const convert = (dir: string, ...argv: string[]) => cli(['convert', ...argv], { cwd: dir, ...nodeOutputIO() });

describe('--out naming something that is not a directory', () => {
  it('an existing file: a clear usage error (exit 2), not an internal error; the file is left as it was', async () => {
    const dir = tempProject({ 'compose.yaml': compose('web'), 'deploy': 'my notes\n' });
    const r = await convert(dir, '--out', 'deploy');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compose2ecs convert: --out deploy: a file of that name exists');
    expect(r.stderr).not.toMatch(/internal error|EEXIST|\n\s+at /);
    expect(readFileSync(join(dir, 'deploy'), 'utf8')).toBe('my notes\n');
  });

  it('a path under a file: a clear usage error (exit 2)', async () => {
    const dir = tempProject({ 'compose.yaml': compose('web'), 'deploy': 'my notes\n' });
    const r = await convert(dir, '--out', 'deploy/ecs');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compose2ecs convert: --out deploy\/ecs: cannot write .*web\.task-definition\.json: a file stands where a directory must be$/m);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('--out into a folder that holds an earlier run', () => {
  it('keeps a manifest (.compose2ecs-outputs, sha256sum format) of the files it wrote', async () => {
    const dir = tempProject({ 'compose.yaml': compose('api', 'web') });
    expect((await convert(dir, '--out', 'deploy')).code).toBe(0);
    const manifest = readFileSync(join(dir, 'deploy/.compose2ecs-outputs'), 'utf8');
    const entries = manifest.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(entries.map((l) => l.slice(66))).toEqual(['api.service.json', 'api.task-definition.json', 'web.service.json', 'web.task-definition.json']);
    for (const l of entries) expect(l.slice(0, 64)).toBe(createHash('sha256').update(readFileSync(join(dir, 'deploy', l.slice(66)))).digest('hex'));
  });

  it('removes the files the previous run wrote and this one does not; never a file it did not write, or one changed since', async () => {
    const dir = tempProject({ 'compose.yaml': compose('api', 'web', 'worker') });
    expect((await convert(dir, '--out', 'deploy')).code).toBe(0);
    writeFileSync(join(dir, 'deploy/notes.txt'), 'mine\n');
    writeFileSync(join(dir, 'deploy/worker.service.json'), '{"edited": true}\n');
    writeFileSync(join(dir, 'compose.yaml'), compose('api'));
    const r = await convert(dir, '--out', 'deploy');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'deploy')).sort()).toEqual(['.compose2ecs-outputs', 'api.service.json', 'api.task-definition.json', 'notes.txt', 'worker.service.json']);
    expect(r.stderr).toContain('removed 3 files an earlier run wrote to deploy and this one does not: web.service.json, web.task-definition.json, worker.task-definition.json');
    expect(readFileSync(join(dir, 'deploy/worker.service.json'), 'utf8')).toBe('{"edited": true}\n');
  });

  it('a manifest naming a path outside the folder removes nothing there, even with the right hash', async () => {
    const outside = '{"keep": true}\n';
    const hash = createHash('sha256').update(outside).digest('hex');
    const dir = tempProject({
      'compose.yaml': compose('web'),
      'precious.json': outside,
      'deploy/.compose2ecs-outputs': `${hash}  ../precious.json\n${hash}  /etc/hostname\n`,
    });
    expect((await convert(dir, '--out', 'deploy')).code).toBe(0);
    expect(existsSync(join(dir, 'precious.json'))).toBe(true);
  });
});

describe('--out on the Node file system: the bytes written and hashed are the text in UTF-8', () => {
  it('nodeOutputIO writes and hashes a non-ASCII text as Web Crypto hashes its UTF-8 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2e-out-utf8-'));
    const text = 'name: café — 日本 🚀\n'.repeat(3);
    const io = nodeOutputIO();
    await io.writeFile(join(dir, 'a', 'x.yaml'), text);
    expect(readFileSync(join(dir, 'a', 'x.yaml'), 'utf8')).toBe(text);
    expect(await io.sha256(text)).toBe(await sha256(text));
    expect(await io.sha256(new TextEncoder().encode(text))).toBe(await sha256(text));
  });
});

describe('--out on the Node file system: a long text is written and hashed a piece at a time, with the same bytes', () => {
  // Surrogate pairs (🚀) fall on every possible piece boundary for these piece sizes.
  const text = 'a🚀é日\n'.repeat(40) + '🚀'.repeat(9);
  const utf8 = Buffer.from(text, 'utf8');

  it('forEachPiece never cuts a surrogate pair, and its pieces make up the text', () => {
    for (const chunk of [1, 2, 3, 5, 7, 64, text.length - 1, text.length, text.length + 1]) {
      const pieces: string[] = [];
      forEachPiece(text, chunk, (p) => pieces.push(p));
      expect(pieces.join('')).toBe(text);
      expect(Buffer.concat(pieces.map((p) => Buffer.from(p, 'utf8')))).toEqual(utf8);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(Math.max(chunk, 2));
    }
  });

  it('writeInChunks writes the UTF-8 bytes of the whole text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2e-out-chunks-'));
    for (const chunk of [1, 2, 3, 7, 1000]) {
      const path = join(dir, `x-${chunk}.yaml`);
      writeInChunks(path, text, chunk);
      expect(readFileSync(path)).toEqual(utf8);
    }
  });

  it('nodeOutputIO writes and hashes a text over a MiB as Web Crypto hashes its UTF-8 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2e-out-long-'));
    const long = 'x'.repeat((1 << 20) - 1) + '🚀' + 'name: café\n'.repeat(1000);
    const io = nodeOutputIO();
    await io.writeFile(join(dir, 'long.yaml'), long);
    expect(readFileSync(join(dir, 'long.yaml'))).toEqual(Buffer.from(long, 'utf8'));
    expect(await io.sha256(long)).toBe(await sha256(long));
  });
});

describe('--out on the Node file system: an output given in parts is written and hashed as its whole text', () => {
  // Cuts at every place, so that parts start and end inside surrogate pairs and pieces fall on every boundary.
  const text = 'a🚀é日\n'.repeat(12) + '🚀'.repeat(5);
  const utf8 = Buffer.from(text, 'utf8');

  it('writePartsInChunks writes the UTF-8 bytes of the parts joined and returns their SHA-256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2e-out-parts-'));
    const digest = await sha256(text);
    for (let cut = 0; cut <= text.length; cut += 3) {
      const parts = [text.slice(0, cut), '', text.slice(cut, cut + 7), text.slice(cut + 7)];
      for (const chunk of [1, 2, 5, 64]) {
        const path = join(dir, `x-${cut}-${chunk}.json`);
        expect(writePartsInChunks(path, parts, chunk)).toBe(digest);
        expect(readFileSync(path)).toEqual(utf8);
      }
    }
    expect(writePartsInChunks(join(dir, 'empty.json'), [])).toBe(await sha256(''));
    expect(readFileSync(join(dir, 'empty.json')).length).toBe(0);
  });

  it('convert --target cloudformation --out on Node: the template file holds the output\'s contents, and the manifest its hash', async () => {
    const compose = join(ROOT, 'fixtures', 'cfn-fargate-shop', 'compose.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'c2e-out-cfn-'));
    const io = nodeOutputIO();
    let partsWritten = 0;
    const r = await cli(['convert', '-f', compose, '--target', 'cloudformation', '--out', dir], {
      ...io,
      async writeParts(path, parts) {
        partsWritten++;
        return io.writeParts(path, parts);
      },
    });
    expect(r.code).toBe(0);
    expect(partsWritten).toBe(1);
    const { outputs } = await convertProject({ files: [compose], target: 'cloudformation' });
    const out = outputs[0]!;
    const bytes = readFileSync(join(dir, out.path));
    expect(bytes.toString('utf8')).toBe(out.contents);
    const manifest = readFileSync(join(dir, '.compose2ecs-outputs'), 'utf8');
    expect(manifest).toContain(`${createHash('sha256').update(bytes).digest('hex')}  ${out.path}`);
  });
});
