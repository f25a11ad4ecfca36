import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeTmpfs, normalizeVolume, type PathContext, type ServiceVolume } from '../../../src/loader/normalize/volumes.js';
import { Reporter } from '../../../src/diagnostics/report.js';
import { SourceFile, locate } from '../../../src/core/source.js';
import { parseYaml } from '../../../src/loader/yaml-source.js';
import * as posix from '../../../src/core/path-posix.js';

const PATH = ['services', 'db', 'volumes', 2] as const;
const CTX: PathContext = { workingDir: '/srv/app', resolve: posix.resolve, isAbsolute: posix.isAbsolute, home: '/home/dev' };

function volume(entry: unknown, ctx: PathContext = CTX) {
  const reporter = new Reporter();
  const result = normalizeVolume(entry, ctx, reporter, undefined, PATH);
  return { result, diagnostics: reporter.diagnostics };
}

const bind = (source: string, target: string, extra: Partial<ServiceVolume> = {}): ServiceVolume => ({
  type: 'bind',
  source,
  target,
  ...extra,
  bind: { create_host_path: true, ...extra.bind },
});
const named = (source: string | undefined, target: string, extra: Partial<ServiceVolume> = {}): ServiceVolume => ({
  type: 'volume',
  ...(source === undefined ? {} : { source }),
  target,
  ...extra,
  volume: { ...extra.volume },
});

describe('05-services volumes: short syntax VOLUME:CONTAINER_PATH[:ACCESS_MODE]', () => {
  it.each<[string, ServiceVolume]>([
    ['db-data:/etc/data', named('db-data', '/etc/data')], // 02-model
    ['common-volume:/var/lib/backup/data:rw', named('common-volume', '/var/lib/backup/data')], // 05-services extends
    ['cli-volume:/var/lib/backup/data:ro', named('cli-volume', '/var/lib/backup/data', { read_only: true })],
    ['data:/data', named('data', '/data')],
    ['/var/lib/mysql', named(undefined, '/var/lib/mysql')], // a lone path is an anonymous volume
    ['/opt/data:/var/lib/mysql', bind('/opt/data', '/var/lib/mysql')],
    ['./cache:/tmp/cache', bind('/srv/app/cache', '/tmp/cache')], // relative to the project directory
    ['../shared:/shared', bind('/srv/shared', '/shared')],
    ['.:/app', bind('/srv/app', '/app')],
    ['~/configs:/etc/configs/:ro', bind('/home/dev/configs', '/etc/configs', { read_only: true })], // target cleaned
    ['~:/root', bind('/home/dev', '/root')],
    ['./src:/app:ro,z', bind('/srv/app/src', '/app', { read_only: true, bind: { selinux: 'z' } })],
    ['./src:/app:Z', bind('/srv/app/src', '/app', { bind: { selinux: 'Z' } })],
    ['/source:/target:slave', bind('/source', '/target', { bind: { propagation: 'slave' } })],
    ['/source:/target:rshared,ro', bind('/source', '/target', { read_only: true, bind: { propagation: 'rshared' } })],
    ['/src:/dst:cached', bind('/src', '/dst', { consistency: 'cached' })],
    ['data:/data:nocopy', named('data', '/data', { volume: { nocopy: true } })],
    ['data:/data:ro,nocopy', named('data', '/data', { read_only: true, volume: { nocopy: true } })],
    ['/a//b/../c:/x/./y/', bind('/a//b/../c', '/x/y')], // an absolute source is left as written
  ])('%s', (text, expected) => {
    const { result, diagnostics } = volume(text);
    expect(diagnostics).toEqual([]);
    expect(result).toEqual(expected);
  });

  it('keys come out in the order docker compose prints them', () => {
    expect(Object.keys(volume('./a:/b:ro,cached').result!)).toEqual(['type', 'source', 'target', 'read_only', 'consistency', 'bind']);
  });

  it.each<[string, ServiceVolume]>([
    ['C:\\data:/data', bind('C:\\data', '/data')], // a drive letter is not a field separator
    ['c:/data:/data:ro', bind('c:/data', '/data', { read_only: true })],
    ['C:\\source\\foo:D:\\target:ro,rprivate', bind('C:\\source\\foo', 'D:\\target', { read_only: true, bind: { propagation: 'rprivate' } })],
    ['name:D:', named('name', 'D:')], // compose-go's split test case
    ['C:\\path', named(undefined, 'C:\\path')],
    ['\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside', bind('\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\inside')],
  ])('Windows paths, as compose-go reads them: %s', (text, expected) => {
    const { result, diagnostics } = volume(text);
    expect(diagnostics).toEqual([]);
    expect(result).toEqual(expected);
  });

  it('colons inside ${…} do not separate fields', () => {
    expect(volume('${DATA:-/tmp/x}:/data').result).toEqual(named('${DATA:-/tmp/x}', '/data'));
  });

  it('without a known home directory, ~ is left as written with a warning', () => {
    const { home: _, ...noHome } = CTX;
    const { result, diagnostics } = volume('~/x:/x', noHome);
    expect(result).toEqual(bind('~/x', '/x'));
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', severity: 'warning', path: '/services/db/volumes/2' }]);
  });

  it.each<[string, ServiceVolume, string]>([
    ['data:/data:z', named('data', '/data'), '/services/db/volumes/2'], // docker compose: "mount of type `volume` should not define `bind` option"
    ['data:/data:rshared', named('data', '/data'), '/services/db/volumes/2'],
    ['./a:/b:nocopy', bind('/srv/app/a', '/b'), '/services/db/volumes/2'],
  ])('%s: options for another type of mount are dropped with a warning', (text, expected, pointer) => {
    const { result, diagnostics } = volume(text);
    expect(result).toEqual(expected);
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', severity: 'warning', path: pointer }]);
  });

  it('an unknown access mode is ignored with a warning (compose-go ignores it silently)', () => {
    const { result, diagnostics } = volume('name:/target:bogus');
    expect(result).toEqual(named('name', '/target'));
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'COMPOSE_INVALID_VALUE', message: expect.stringMatching(/'bogus'/) }]);
  });

  it.each([
    ['', /empty/],
    [':/foo', /empty section between colons/],
    ['/foo::ro', /empty section between colons/],
    ['/foo:/foo:ro:foo', /too many colons/],
    ['data:relative', /must be an absolute path/],
    ['a:b:c:d', /must be an absolute path/],
  ])('%j is an error', (text, message) => {
    const { result, diagnostics } = volume(text);
    expect(result).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', severity: 'error', path: '/services/db/volumes/2' }]);
    expect(diagnostics[0]?.message).toMatch(message);
  });
});

describe('05-services volumes: long syntax', () => {
  it('the spec example: a named volume with nocopy and subpath, and a bind mount', () => {
    expect(volume({ type: 'volume', source: 'db-data', target: '/data', volume: { nocopy: true, subpath: 'sub' } }).result).toEqual({
      type: 'volume',
      source: 'db-data',
      target: '/data',
      volume: { nocopy: true, subpath: 'sub' },
    });
    expect(volume({ type: 'bind', source: '/var/run/postgres/postgres.sock', target: '/var/run/postgres/postgres.sock' }).result).toEqual(
      bind('/var/run/postgres/postgres.sock', '/var/run/postgres/postgres.sock'),
    );
  });

  it.each<[Record<string, unknown>, ServiceVolume]>([
    [{ type: 'bind', source: './static', target: '/opt/app/static', read_only: true }, bind('/srv/app/static', '/opt/app/static', { read_only: true })],
    [{ type: 'bind', source: '/x', target: '/y', bind: { create_host_path: false } }, { type: 'bind', source: '/x', target: '/y', bind: { create_host_path: false } }],
    [{ type: 'bind', source: '/x', target: '/y', bind: { selinux: 'Z', propagation: 'rslave', recursive: 'readonly' } }, bind('/x', '/y', { bind: { selinux: 'Z', propagation: 'rslave', recursive: 'readonly' } })],
    [{ type: 'bind', source: '/x', target: '/y', read_only: 'true', bind: { create_host_path: 'false' } }, { type: 'bind', source: '/x', target: '/y', read_only: true, bind: { create_host_path: false } }],
    [{ type: 'volume', target: '/cache' }, { type: 'volume', target: '/cache' }],
    [{ type: 'volume', source: 'v', target: '/v', read_only: false, volume: { labels: ['a=1', 'b'] } }, { type: 'volume', source: 'v', target: '/v', volume: { labels: { a: '1', b: '' } } }],
    [{ type: 'tmpfs', target: '/app', tmpfs: { size: '64m', mode: '1777' } }, { type: 'tmpfs', target: '/app', tmpfs: { size: 64 * 1024 ** 2, mode: 0o1777 } }],
    [{ type: 'tmpfs', target: '/app', tmpfs: { size: 1000, mode: 0o700 } }, { type: 'tmpfs', target: '/app', tmpfs: { size: 1000, mode: 0o700 } }],
    [{ type: 'tmpfs', target: '/app', tmpfs: { mode: '0o755' } }, { type: 'tmpfs', target: '/app', tmpfs: { mode: 0o755 } }],
    [{ type: 'image', source: 'alpine:3', target: '/img', image: { subpath: 'etc' } }, { type: 'image', source: 'alpine:3', target: '/img', image: { subpath: 'etc' } }],
    [{ type: 'npipe', source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine' }, { type: 'npipe', source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine' }],
    [{ type: 'cluster', source: 'group:g', target: '/c', consistency: 'default' }, { type: 'cluster', source: 'group:g', target: '/c', consistency: 'default' }],
    [{ type: 'volume', source: 'v', target: '/v', 'x-backup': 'daily', volume: { 'x-k': 1 } }, { type: 'volume', source: 'v', target: '/v', volume: { 'x-k': 1 }, 'x-backup': 'daily' }],
  ])('%j', (entry, expected) => {
    const { result, diagnostics } = volume(entry);
    expect(diagnostics).toEqual([]);
    expect(result).toEqual(expected);
  });

  it('options for another mount type are dropped with a warning', () => {
    const { result, diagnostics } = volume({ type: 'volume', source: 'v', target: '/v', bind: { propagation: 'shared' } });
    expect(result).toEqual({ type: 'volume', source: 'v', target: '/v' });
    expect(diagnostics).toMatchObject([{ severity: 'warning', path: '/services/db/volumes/2/bind' }]);
  });

  it.each([
    [{ type: 'disk', target: '/x' }, '/services/db/volumes/2/type', 'COMPOSE_INVALID_VALUE'],
    [{ target: '/x' }, '/services/db/volumes/2/type', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'bind', target: '/x' }, '/services/db/volumes/2/source', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'image', source: '', target: '/x' }, '/services/db/volumes/2/source', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'tmpfs', source: 'x', target: '/x' }, '/services/db/volumes/2/source', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'volume', source: 'v' }, '/services/db/volumes/2/target', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'volume', source: 'v', target: 'data' }, '/services/db/volumes/2/target', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'volume', source: 'v', target: '/v', read_only: 'maybe' }, '/services/db/volumes/2/read_only', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'bind', source: '/x', target: '/y', bind: { propagation: 'sideways' } }, '/services/db/volumes/2/bind/propagation', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'bind', source: '/x', target: '/y', bind: { selinux: 'q' } }, '/services/db/volumes/2/bind/selinux', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'bind', source: '/x', target: '/y', bind: 'z' }, '/services/db/volumes/2/bind', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'tmpfs', target: '/t', tmpfs: { size: '-1' } }, '/services/db/volumes/2/tmpfs/size', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'tmpfs', target: '/t', tmpfs: { size: 'big' } }, '/services/db/volumes/2/tmpfs/size', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'tmpfs', target: '/t', tmpfs: { mode: '999' } }, '/services/db/volumes/2/tmpfs/mode', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'tmpfs', target: '/t', tmpfs: { mode: 0o10000 } }, '/services/db/volumes/2/tmpfs/mode', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'volume', target: '/t', volume: { nocopy: 'yes' } }, '/services/db/volumes/2/volume/nocopy', 'COMPOSE_INVALID_VALUE'],
    [{ type: 'volume', target: '/t', volume: { constructor: 1 } }, '/services/db/volumes/2/volume/constructor', 'COMPOSE_UNKNOWN_KEY'],
    [{ type: 'volume', target: '/t', driver: 'local' }, '/services/db/volumes/2/driver', 'COMPOSE_UNKNOWN_KEY'],
    [{ type: 'volume', target: '/t', toString: {} }, '/services/db/volumes/2/toString', 'COMPOSE_UNKNOWN_KEY'],
  ])('%j is an error at %s', (entry, pointer, code) => {
    const { result, diagnostics } = volume(entry);
    expect(result).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code, severity: 'error', path: pointer }]);
  });

  it('a problem points at the line of the offending option', () => {
    const text = 'services:\n  db:\n    volumes:\n      - a\n      - b\n      - type: bind\n        source: ./x\n        target: /x\n        bind:\n          propagation: sideways\n';
    const file = new SourceFile('compose.yaml', text);
    const reporter = new Reporter();
    const doc = parseYaml(file, reporter)[0] as any;
    normalizeVolume(doc.services.db.volumes[2], CTX, reporter, locate(doc, PATH), PATH);
    expect(reporter.diagnostics).toMatchObject([{ line: 10, column: 24, path: '/services/db/volumes/2/bind/propagation' }]);
  });
});

describe('05-services tmpfs: a path or a list of <path>[:<options>]', () => {
  function tmpfs(entry: unknown) {
    const reporter = new Reporter();
    return { values: normalizeTmpfs(entry, reporter, undefined, ['services', 'app', 'tmpfs']), diagnostics: reporter.diagnostics };
  }

  it('the spec example is kept as a list of strings, as docker compose keeps it', () => {
    expect(tmpfs(['/data:mode=755,uid=1009,gid=1009', '/run'])).toEqual({ values: ['/data:mode=755,uid=1009,gid=1009', '/run'], diagnostics: [] });
  });

  it('a single value becomes a list', () => {
    expect(tmpfs('/run').values).toEqual(['/run']);
  });

  it('other mount options pass through', () => {
    expect(tmpfs(['/tmp:rw,noexec,nosuid,size=64m', '/x:size=50%']).values).toEqual(['/tmp:rw,noexec,nosuid,size=64m', '/x:size=50%']);
  });

  it.each([
    ['run', /absolute/],
    ['/t:size=big', /size/],
    ['/t:mode=rwx', /mode/],
    ['/t:uid=root', /uid/],
    [42, /string/],
  ])('%j is reported at its index and the rest kept', (bad, message) => {
    const { values, diagnostics } = tmpfs(['/ok', bad]);
    expect(values).toEqual(['/ok']);
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', path: '/services/app/tmpfs/1' }]);
    expect(diagnostics[0]?.message).toMatch(message);
  });
});

describe('properties', () => {
  it('normalizeVolume and normalizeTmpfs never throw, and report whenever they return nothing', () => {
    const shortLike = fc.stringMatching(/^[~./A-Za-z\\$:{}-]{0,20}$/);
    const longLike = fc.dictionary(fc.constantFrom('type', 'source', 'target', 'read_only', 'bind', 'volume', 'tmpfs', 'image', 'x-a', '__proto__', 'bad'), fc.anything());
    fc.assert(
      fc.property(fc.oneof(shortLike, fc.string(), fc.anything(), longLike), (entry) => {
        const reporter = new Reporter();
        const v = normalizeVolume(entry, CTX, reporter, undefined, PATH);
        normalizeTmpfs(entry, reporter, undefined, PATH);
        return v === undefined ? reporter.hasErrors : typeof v.target === 'string' && typeof v.type === 'string';
      }),
    );
  });

  it('normalizing twice gives what normalizing once gives', () => {
    const segment = fc.constantFrom('.', '..', '~', 'data', '/abs', 'C:\\w', 'x/../y', './rel', '');
    const spec = fc.tuple(segment, fc.constantFrom('/t', '/t/', '/a/../b', 'D:\\c'), fc.subarray(['ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'cached'])).map(([src, dst, opts]) => [src, dst, opts.join(',')].filter((x) => x !== '').join(':'));
    fc.assert(
      fc.property(spec, (text) => {
        const once = volume(text);
        if (once.result === undefined) return true;
        const twice = volume(once.result);
        return twice.diagnostics.length === 0 && JSON.stringify(twice.result) === JSON.stringify(once.result);
      }),
    );
  });
});
