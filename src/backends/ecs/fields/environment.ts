/** environment, env_file and secrets. */
import type { ContainerContext } from '../container-context.js';

/** Variables as ECS `environment` entries, sorted by name (as ECS itself returns them). */
export function environment(c: ContainerContext): void {
  const env = c.service.environment ?? {};
  const out: { name: string; value: string }[] = [];
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === null || value === undefined) {
      c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(['environment', name])} has no value (it is unset where the file was read), so it is left out; give it a value or set it when converting`, ['environment', name]);
      continue;
    }
    out.push({ name, value });
  }
  if (out.length) c.put('environment', out, ['environment']);
}

/** env_file: its variables are already inlined in `environment` by the loader. */
export function envFile(c: ContainerContext): void {
  void c;
}

/**
 * secrets → ECS `secrets` with `valueFrom`: the ARN from x-ecs.secrets.<name>, or a top-level
 * secret whose `name` is an ARN (Docker's ECS integration style). A file or environment
 * secret is never inlined into the output: without an ARN it is an error.
 */
export function secrets(c: ContainerContext): void {
  const out: { name: string; valueFrom: string }[] = [];
  (c.service.secrets ?? []).forEach((s, i) => {
    const at = ['secrets', i];
    const arn = c.facts.settings.secrets?.[s.source] ?? arnOf(c.ir.project.secrets[s.source]?.name);
    if (!arn) {
      c.report(
        'ECS_INVALID',
        'error',
        `${c.where(at)}: secret "${s.source}" has no ARN; ECS reads secrets from Secrets Manager or SSM Parameter Store. Set x-ecs.secrets.${s.source} to its ARN (the file or value is never copied into the output)`,
        at,
      );
      return;
    }
    const target = s.target && !s.target.includes('/') ? s.target : s.source;
    const name = target.replace(/[^A-Za-z0-9_]/g, '_');
    out.push({ name, valueFrom: arn });
    c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: ECS injects secret "${s.source}" as the environment variable ${name}, not as a file under /run/secrets`, at);
  });
  if (out.length) c.put('secrets', out, ['secrets']);
}

function arnOf(name: string | undefined): string | undefined {
  return name && name.startsWith('arn:') ? name : undefined;
}
