/**
 * Names of Object.prototype members (`constructor`, `__proto__`, `toString`, `valueOf`,
 * `hasOwnProperty`) in every place a user names things — services, networks, volumes,
 * secrets, configs, x-ecs maps, labels, environment, extends and include targets, profiles —
 * defined and referred to without a definition, converted to each of the three targets. A map
 * lookup that is not own-only reads an inherited member (a function) as if the user had
 * written it: INTERNAL_ERROR (`l.includes is not a function`), or a secret written without
 * its ARN. Neither may happen.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../validators/ecs.js';
import { PROJECT } from './harness.js';

const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'] as const;
const TARGETS = ['ecs', 'cloudformation', 'kubernetes'] as const;
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';

interface Case {
  what: string;
  compose: string;
  files?: Record<string, string>;
  profiles?: string[];
}

/** Every place at once, all defined; `maps` is what each x-ecs map holds. */
function defined(n: string, maps: string): string {
  return `name: proto
x-ecs:
  secrets: ${maps}
  volumes: ${maps === '{}' ? '{}' : `{${n}: {efs: {file_system_id: fs-12345678}}}`}
  tags: ${maps === '{}' ? '{}' : `{${n}: v}`}
services:
  ${n}:
    image: nginx
    environment: {${n}: v, A: "\${${n}:-unset}"}
    labels: {${n}: v, kompose.controller.type: ${n}, kompose.service.type: ${n}}
    networks: [${n}]
    volumes: ["${n}:/data"]
    secrets: [${n}]
    configs: [${n}]
    x-ecs:
      environment_secrets: ${maps === '{}' ? '{}' : `{${n}: ${ARN}}`}
      tags: ${maps === '{}' ? '{}' : `{${n}: v}`}
    x-kubernetes: {controller: ${n}, service_type: ${n}}
  other:
    image: nginx
    depends_on: [${n}]
    links: [${n}]
    volumes_from: [${n}]
networks:
  ${n}: {}
volumes:
  ${n}: {}
secrets:
  ${n}: {file: ./s.txt}
configs:
  ${n}: {file: ./s.txt}
`;
}

function cases(n: string): Case[] {
  const web = (extra: string): string => `services:\n  web:\n    image: nginx\n${extra}`;
  const files = { [`${PROJECT}/s.txt`]: 'secret', [`${PROJECT}/other.yaml`]: web('') };
  return [
    { what: 'defined everywhere, x-ecs maps empty', compose: defined(n, '{}') },
    { what: 'defined everywhere, x-ecs maps naming it', compose: defined(n, `{${n}: ${ARN}}`) },
    { what: 'a secret with x-ecs.secrets {}', compose: `${web(`    secrets: [${n}]\n`)}secrets:\n  ${n}: {file: ./s.txt}\nx-ecs: {secrets: {}}\n` },
    { what: 'an external secret with x-ecs.secrets {}', compose: `${web(`    secrets: [${n}]\n`)}secrets:\n  ${n}: {external: true}\nx-ecs: {secrets: {}}\n` },
    { what: 'an undefined secret', compose: web(`    secrets: [${n}]\n`) },
    { what: 'an undefined config', compose: web(`    configs: [${n}]\n`) },
    { what: 'an undefined network', compose: web(`    networks: [${n}]\n`) },
    { what: 'an undefined named volume', compose: web(`    volumes: ["${n}:/data"]\n`) },
    { what: 'an undefined depends_on', compose: web(`    depends_on: [${n}]\n`) },
    { what: 'an undefined depends_on (long form)', compose: web(`    depends_on: {${n}: {condition: service_healthy}}\n`) },
    { what: 'an undefined link', compose: web(`    links: [${n}]\n`) },
    { what: 'an undefined volumes_from', compose: web(`    volumes_from: [${n}]\n`) },
    { what: 'network_mode service:', compose: web(`    network_mode: "service:${n}"\n`) },
    { what: 'extends of an undefined service', compose: web(`    extends: ${n}\n`) },
    { what: 'extends of an undefined service in another file', compose: web(`    extends: {file: other.yaml, service: ${n}}\n`) },
    { what: 'include of a missing file', compose: `include: [${n}]\n${web('')}` },
    { what: 'include of a file whose service has the name', compose: `include: [lib.yaml]\n${web('')}`, files: { [`${PROJECT}/lib.yaml`]: `services:\n  ${n}:\n    image: nginx\n` } },
    { what: 'a profile, not active', compose: web(`    profiles: [${n}]\n`) },
    { what: 'a profile, active', compose: web(`    profiles: [${n}]\n`), profiles: [n] },
    { what: 'an active profile no service has', compose: web(''), profiles: [n] },
    { what: 'x-ecs maps with only the name', compose: `x-ecs: {secrets: {${n}: ${ARN}}, volumes: {${n}: {efs: {file_system_id: fs-1}}}, tags: {${n}: v}}\n${web(`    x-ecs: {environment_secrets: {${n}: ${ARN}}, tags: {${n}: v}}\n`)}` },
    { what: 'values backends look up in tables', compose: web(`    x-kubernetes: {controller: ${n}, service_type: ${n}}\n    labels: {kompose.controller.type: ${n}, kompose.service.type: ${n}, ${n}: v}\n    logging: {driver: ${n}}\n`) },
    { what: 'network_mode', compose: web(`    network_mode: ${n}\n`) },
    { what: 'keys of logging options, sysctls, ulimits, extra_hosts', compose: web(`    logging: {driver: awslogs, options: {${n}: v, awslogs-group: g, awslogs-region: us-east-1, awslogs-stream-prefix: p}}\n    sysctls: {${n}: 1}\n    ulimits: {${n}: 1}\n    extra_hosts: {${n}: 10.0.0.1}\n`) },
    { what: 'environment from .env and env_file', compose: web(`    env_file: vars.env\n    environment: {${n}: null, B: "\${${n}}"}\n`), files: { [`${PROJECT}/vars.env`]: `${n}=fromfile\n`, [`${PROJECT}/.env`]: `${n}=dot\n` } },
  ].map((c) => ({ ...c, files: { ...files, ...c.files } }));
}

/** A member of Object.prototype that reached the output or a message shows as one of these. */
const INHERITED = /native code|\[object |function (Object|toString|valueOf|hasOwnProperty)|=>|undefined|NaN/;

/** Where a structured output holds something JSON cannot (a function read from a prototype). */
function notPlain(v: unknown, path: string, out: string[]): void {
  if (typeof v === 'function') out.push(`${path} is a function`);
  if (typeof v !== 'object' || v === null) return;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) out.push(`${path} is not a plain object`);
  for (const k of Object.keys(v)) notPlain(Object.getOwnPropertyDescriptor(v, k)?.value, `${path}.${k}`, out);
}

function problems(diagnostics: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    if (d.code === 'INTERNAL_ERROR') out.push(`INTERNAL_ERROR ${d.message.slice(0, 400)}`);
    else if (/native code|\[object |function (Object|toString|valueOf|hasOwnProperty)/.test(d.message)) out.push(`inherited value in a message: ${d.code} ${d.message}`);
  }
  return out;
}

describe('Object.prototype member names wherever a user names things', () => {
  for (const n of NAMES) {
    for (const target of TARGETS) {
      it(`${n} → ${target}: no INTERNAL_ERROR, no inherited value`, async () => {
        const found: string[] = [];
        for (const c of cases(n)) {
          const host = memoryHost({ [`${PROJECT}/compose.yaml`]: c.compose, ...c.files }, PROJECT);
          const r = await convert({ host, env: {}, target, ...(c.profiles ? { profiles: c.profiles } : {}) });
          for (const p of problems(r.diagnostics)) found.push(`${c.what}: ${p}`);
          for (const o of r.outputs) {
            if (INHERITED.test(o.contents)) found.push(`${c.what}: ${o.path} holds ${INHERITED.exec(o.contents)?.[0]}`);
            const odd: string[] = [];
            notPlain(o.value, o.path, odd);
            for (const x of odd) found.push(`${c.what}: ${x}`);
            if (target !== 'ecs') continue;
            const doc = JSON.parse(o.contents) as { containerDefinitions?: { secrets?: { name: string; valueFrom?: unknown }[] }[] };
            const invalid = o.path.endsWith('.task-definition.json') ? validateRegisterTaskDefinition(doc) : o.path.endsWith('.service.json') ? validateCreateService(doc) : [];
            for (const v of invalid) found.push(`${c.what}: ${o.path}: ${v}`);
            for (const s of doc.containerDefinitions?.flatMap((d) => d.secrets ?? []) ?? []) {
              if (typeof s.valueFrom !== 'string') found.push(`${c.what}: ${o.path}: secret ${s.name} has no valueFrom`);
            }
          }
        }
        expect(found).toEqual([]);
      });
    }
  }
});
