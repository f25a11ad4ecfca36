/**
 * 05-services secrets and configs ("mounted as a file in /run/secrets/<source>", configs at
 * /<name> or the target) over generated projects, on every target: no secret value, no secret
 * file's content and no absolute path of the converting machine ever appears in any output;
 * every secret or config a service is granted is readable as a file at the path compose uses
 * (ECS: a read-only mount of the writer's volume and a writing step; Kubernetes: a volume
 * mount), or a finding at that grant says why not.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { writeYaml } from '../support/yaml-writer.js';
import { filesProject, type FilesProject } from './files-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

type Grant = string | { source: string; target?: string };
type Json = Record<string, any>;

function host(p: FilesProject) {
  const all: Record<string, string> = { [`${p.dir}/compose.yaml`]: writeYaml(p.compose) };
  for (const [k, v] of Object.entries(p.files)) all[`${p.dir}/${k}`] = v;
  return memoryHost(all, p.dir);
}

/** The path compose gives a granted secret or config. */
function composePath(kind: 'secrets' | 'configs', g: Grant): string {
  const source = typeof g === 'string' ? g : g.source;
  const target = typeof g === 'string' ? undefined : g.target;
  if (!target) return kind === 'secrets' ? `/run/secrets/${source}` : `/${source}`;
  if (target.startsWith('/')) return target;
  return kind === 'secrets' ? `/run/secrets/${target}` : `/${target}`;
}

function explained(diagnostics: readonly Diagnostic[], pointer: string): boolean {
  return diagnostics.some((d) => (d.severity === 'warning' || d.severity === 'error') && d.path === pointer);
}

/** ECS: the service's container mounts a volume at the file's directory that the writer writes the file into. */
function ecsDelivers(containers: Json[], service: string, path: string): boolean {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const file = path.slice(path.lastIndexOf('/') + 1);
  const c = containers.find((x) => (x.name ?? x.Name) === service);
  const writer = containers.find((x) => (x.name ?? x.Name) === 'compose2ecs-files');
  if (!c || !writer) return false;
  const mounts: Json[] = c.mountPoints ?? c.MountPoints ?? [];
  // Read-only at /run/secrets; elsewhere writable around the files, as the image's directory is under compose.
  const mount = mounts.find((m) => (m.containerPath ?? m.ContainerPath) === dir && ((m.readOnly ?? m.ReadOnly) === true) === (dir === '/run/secrets'));
  const script = String((writer.command ?? writer.Command)[0]);
  const waits = (c.dependsOn ?? c.DependsOn ?? []).some((d: Json) => (d.containerName ?? d.ContainerName) === 'compose2ecs-files' && (d.condition ?? d.Condition) === 'SUCCESS');
  return !!mount && waits && script.includes(`/compose2ecs/${mount.sourceVolume ?? mount.SourceVolume}/${file}'`);
}

function k8sDelivers(docs: Json[], service: string, path: string): boolean {
  return docs.some((d) => d.metadata?.name === service && (d.spec?.template?.spec?.containers ?? []).some((c: Json) => (c.volumeMounts ?? []).some((m: Json) => m.mountPath === path)));
}

const TARGETS = ['ecs', 'cloudformation', 'kubernetes'] as const;

describe('05-services secrets and configs: files at the paths compose uses, on every target', () => {
  it(
    'no secret value and no path of the converting machine in any output; each grant delivered as a file or explained at the grant',
    async () => {
      await fc.assert(
        fc.asyncProperty(filesProject(), fc.constantFrom(...TARGETS), async (p, target) => {
          await turn();
          const { outputs, diagnostics } = await convert({ host: host(p), env: p.env, target, ...(target === 'kubernetes' ? { format: 'json' } as const : {}) });
          const errors = diagnostics.filter((d) => d.severity === 'error');
          expect(errors.map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([]);
          const text = outputs.map((o) => o.contents).join('\n');
          const messages = diagnostics.map((d) => d.message).join('\n');
          for (const v of p.secretValues) {
            expect(text, 'a secret value in an output').not.toContain(v);
            expect(messages, 'a secret value in a message').not.toContain(v);
          }
          expect(text, 'the converting machine\'s project directory in an output').not.toContain(p.dir);
          expect(text).not.toContain('/home/');
          const docs: Json[] = outputs.flatMap((o) => (Array.isArray(o.value) ? o.value : o.value && typeof o.value === 'object' && 'items' in (o.value as Json) ? (o.value as Json).items : [o.value])) as Json[];
          const containersOf = (service: string): Json[] => {
            if (target === 'ecs') return docs.filter((d) => d.containerDefinitions).flatMap((d) => (d.containerDefinitions.some((c: Json) => c.name === service) ? d.containerDefinitions : []));
            const resources = Object.values((docs[0]?.Resources ?? {}) as Record<string, Json>);
            return resources.filter((r) => r.Type === 'AWS::ECS::TaskDefinition').flatMap((r) => (r.Properties.ContainerDefinitions.some((c: Json) => c.Name === service) ? r.Properties.ContainerDefinitions : []));
          };
          for (const [service, svc] of Object.entries(p.compose.services as Record<string, Json>)) {
            for (const kind of ['secrets', 'configs'] as const) {
              ((svc[kind] ?? []) as Grant[]).forEach((g, i) => {
                const path = composePath(kind, g);
                const ok = target === 'kubernetes' ? k8sDelivers(docs, service, path) : ecsDelivers(containersOf(service), service, path);
                expect(ok || explained(diagnostics, `/services/${service}/${kind}/${i}`), `${target}: services.${service}.${kind}[${i}] at ${path}`).toBe(true);
              });
            }
          }
        }),
        params(30, 200),
      );
    },
    timeoutFor(30, 200),
  );
});
