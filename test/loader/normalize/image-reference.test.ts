/**
 * 05-services image: a reference as github.com/distribution/reference reads it,
 * `[domain[:port]/]path[:tag][@digest]`. An invalid one was written into task definitions
 * (`Nginx:1 .2`, or `nginx:` from `nginx:${UNSET}`); now it is IMAGE_INVALID_REFERENCE at the
 * value, showing the value as interpolated.
 */
import { describe, expect, it } from 'vitest';
import { referenceProblem } from '../../../src/loader/normalize/image-reference.js';
import { loadProject } from '../../../src/loader/load-project.js';
import { convert } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('valid references', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'library/nginx:latest',
    'docker.io/library/nginx:1.27-alpine',
    'localhost:5000/app',
    'localhost/app:v1',
    '[::1]:5000/app:v1',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:2024.01_rc-1',
    'ghcr.io/org/app@' + DIGEST,
    'nginx:1.27@' + DIGEST,
    'MyRegistry.example.com/app',
    'a__b/c--d.e_f',
    'registry:5000',
    'app:' + 'v'.repeat(128),
  ])('%s', (ref) => expect(referenceProblem(ref)).toBeUndefined());
});

describe('invalid references, each with its reason', () => {
  it.each([
    ['', 'empty'],
    ['Nginx:1 .2', 'whitespace'],
    ['Nginx:1.2', 'lowercase ("Nginx")'],
    ['ghcr.io/Org/app', 'lowercase ("Org")'],
    ['nginx:', 'the tag after ":" is empty'],
    ['nginx:-1', 'the tag "-1"'],
    ['nginx:.x', 'the tag ".x"'],
    ['app:' + 'v'.repeat(129), 'at most 128'],
    ['nginx@sha256:abc', 'the digest'],
    ['nginx@', 'the digest'],
    ['/app', 'not a repository name component'],
    ['app/', 'not a repository name component'],
    ['a___b', 'not a repository name component'],
    ['a..b', 'not a repository name component'],
    ['x'.repeat(256), 'longer than 255'],
    ['nginx:$x', 'the tag "$x"'],
  ])('%j: %s', (ref, reason) => expect(referenceProblem(ref)).toContain(reason));

  // Exponential backtracking on these would never finish: a hang ends in the test's timeout.
  it('a long hostile name is refused (no regular expression backtracking)', () => {
    for (const ref of ['a' + '-a'.repeat(120) + '!', 'a.'.repeat(120) + '!/x', `${'a'.repeat(200)}:${'b'.repeat(100_000)}`]) expect(referenceProblem(ref)).toBeDefined();
  });
});

describe('in a compose file', () => {
  const load = (compose: string, env: Record<string, string> = {}) => loadProject({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env });

  it('"Nginx:1 .2" is IMAGE_INVALID_REFERENCE at the value', async () => {
    const { diagnostics } = await load('services:\n  web:\n    image: "Nginx:1 .2"\n');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'IMAGE_INVALID_REFERENCE', severity: 'error', line: 3, column: 12, path: '/services/web/image', message: 'services.web.image: "Nginx:1 .2" is not a valid image reference: it contains whitespace' }),
    ]);
  });

  it('nginx:${UNSET} is nginx:, shown as interpolated and as written', async () => {
    const { diagnostics } = await load('services:\n  web:\n    image: "nginx:${UNSET}"\n');
    const d = diagnostics.find((x) => x.code === 'IMAGE_INVALID_REFERENCE');
    expect(d).toMatchObject({ severity: 'error', line: 3, column: 12 });
    expect(d?.message).toBe('services.web.image: "nginx:" (written "nginx:${UNSET}") is not a valid image reference: the tag after ":" is empty');
    expect(diagnostics.map((x) => x.code)).toContain('INTERPOLATION_UNSET');
  });

  it('set, the same value is valid', async () => {
    const { diagnostics } = await load('services:\n  web:\n    image: "nginx:${TAG}"\n', { TAG: '1.27' });
    expect(diagnostics).toEqual([]);
  });

  it('a value interpolation could not read is reported once, by interpolation', async () => {
    const { diagnostics } = await load('services:\n  web:\n    image: "nginx:${"\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['INTERPOLATION_SYNTAX']);
  });

  it.each(['ecs', 'cloudformation', 'kubernetes'] as const)('%s: no output for an invalid image', async (target) => {
    const r = await convert({ host: memoryHost({ '/p/compose.yaml': 'services:\n  web:\n    image: "Nginx:1 .2"\n' }, '/p'), env: {}, target });
    expect(r.outputs).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('IMAGE_INVALID_REFERENCE');
  });
});
