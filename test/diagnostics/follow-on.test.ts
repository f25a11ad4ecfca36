/**
 * A mistake is reported once, by the first stage that sees it. After a misspelled key
 * (`imgae: nginx`), the loader's unknown key (did you mean 'image'?) was followed by each
 * target's "has no image" (ECS_NO_IMAGE, K8S_INVALID) at the same service: noise that hid the
 * typo. A target's error at a place where, or inside which, the loader found an error is now
 * left out; errors elsewhere still count.
 */
import { describe, expect, it } from 'vitest';
import { convert, validate } from '../../src/index.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { withoutFollowOns } from '../../src/diagnostics/follow-on.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

const TARGETS = ['ecs', 'cloudformation', 'kubernetes'] as const;
const host = (compose: string) => memoryHost({ '/p/compose.yaml': compose, '/p/s.txt': 'secret' }, '/p');
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`);

describe('the first finding of a mistake is reported alone', () => {
  const cases: [string, string, string[]][] = [
    ['imgae (a misspelled image)', 'services:\n  web:\n    imgae: nginx:1.27\n', ['COMPOSE_UNKNOWN_KEY /services/web/imgae']],
    ['biuld (a misspelled build)', 'services:\n  web:\n    biuld: .\n', ['COMPOSE_UNKNOWN_KEY /services/web/biuld']],
    ['no image and no build at all', 'services:\n  web:\n    x-image: nginx:1.27\n', ['COMPOSE_INVALID_VALUE /services/web']],
  ];
  for (const [what, compose, expected] of cases) {
    for (const target of TARGETS) {
      it(`${what} → convert ${target}: only ${expected.join(', ')}`, async () => {
        const r = await convert({ host: host(compose), env: {}, target });
        expect(errors(r.diagnostics)).toEqual(expected);
      });
      it(`${what} → validate --target ${target}: only ${expected.join(', ')}`, async () => {
        const r = await validate({ host: host(compose), env: {}, target });
        expect(errors(r.diagnostics)).toEqual(expected);
      });
    }
  }

  it('an error of the target elsewhere is still reported', async () => {
    // A config too large to travel in a task definition (issue 19: a secret without an ARN no longer is an error).
    const compose = `services:\n  web:\n    imgae: nginx:1.27\n  db:\n    image: postgres:16\n    configs: [c]\nconfigs:\n  c: {content: ${'x'.repeat(17 * 1024)}}\n`;
    const r = await convert({ host: host(compose), env: {}, target: 'ecs' });
    expect(errors(r.diagnostics)).toEqual(['COMPOSE_UNKNOWN_KEY /services/web/imgae', 'ECS_LIMIT /services/db/configs/0']);
  });
});

describe('withoutFollowOns', () => {
  const d = (code: Diagnostic['code'], path: string | undefined, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ code, severity, message: code, ...(path !== undefined ? { path } : {}) });

  it('drops later errors at the place of an earlier error or one of its ancestors, two levels deep or more', () => {
    const earlier = [d('COMPOSE_UNKNOWN_KEY', '/services/web/imgae')];
    const later = [d('ECS_NO_IMAGE', '/services/web'), d('ECS_INVALID', '/services/web/imgae'), d('ECS_INVALID', '/services/web/ports/0'), d('ECS_INVALID', '/services'), d('ECS_INVALID', undefined), d('ECS_DEFAULT_APPLIED', '/services/web', 'warning')];
    expect(withoutFollowOns(earlier, later).map((x) => `${x.code} ${x.path}`)).toEqual(['ECS_INVALID /services/web/ports/0', 'ECS_INVALID /services', 'ECS_INVALID undefined', 'ECS_DEFAULT_APPLIED /services/web']);
  });

  it('earlier warnings explain nothing', () => {
    expect(withoutFollowOns([d('INTERPOLATION_UNSET', '/services/web/image', 'warning')], [d('ECS_NO_IMAGE', '/services/web')])).toHaveLength(1);
  });
});
