/**
 * A plaintext secret in `environment`: a variable named like a password, token, key or secret
 * whose value is written in the compose file itself, or read from an `env_file` (reported once
 * per env_file entry, at the entry). ECS would put it in the task definition,
 * readable by anyone who can describe it; use `secrets` (x-ecs.secrets → Secrets Manager or
 * SSM) or at least `${VARIABLE}` interpolation from the CI environment.
 */
import { ruleCode, type Rule } from './rule.js';
import { locate } from '../core/source.js';
import { projectFiles, relativePath } from '../model/project-files.js';

const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'privatekey']);
/** Words before `key` that make it a secret key (`API_KEY`, `SECRET_KEY_BASE`), not a lookup key (`CACHE_KEY`). */
const KEY_OWNERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'master', 'ssh', 'license', 'client', 'app', 'auth', 'service', 'account', 'aws']);
/** A last word that makes the variable name a place or a property of a secret, not the secret. */
const NOT_THE_SECRET = new Set(['file', 'path', 'dir', 'arn', 'url', 'uri', 'name', 'id', 'length', 'ttl', 'expiry', 'expires', 'header', 'type', 'version', 'policy', 'field', 'param', 'parameter', 'ref', 'env', 'enabled']);

/** `DB_PASSWORD`, `githubToken`, `API_KEY` → words in lower case. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True for variable names that hold a secret.
 * @example looksSecret('POSTGRES_PASSWORD') // true
 * @example looksSecret('POSTGRES_PASSWORD_FILE') // false
 * @example looksSecret('CACHE_KEY') // false
 */
export function looksSecret(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || (w.length === 1 && w[0] === 'pwd')) return false; // PWD: the working directory
  if (NOT_THE_SECRET.has(w[w.length - 1] as string)) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  return w.some((x, i) => (x === 'key' || x === 'keys') && i > 0 && KEY_OWNERS.has(w[i - 1] as string));
}

/** `$VAR`, `${VAR}` and their forms with defaults; `$$` is a literal dollar. */
const INTERPOLATION = /(^|[^$])(\$\$)*\$(\{|[A-Za-z_])/;

/** The variables a written value interpolates: `${DB_PASSWORD:-x}` → DB_PASSWORD. */
function interpolated(written: string): string[] {
  const out: string[] = [];
  for (const m of written.matchAll(/(?<!\$)(?:\$\$)*\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) out.push((m[1] ?? m[2]) as string);
  return out;
}

/**
 * Values that are credentials whatever their variable's name: an AWS access key, a GitHub,
 * GitLab, Slack or Stripe token, a private key.
 */
const CREDENTIAL_VALUES = [/^(AKIA|ASIA)[0-9A-Z]{16}$/, /^gh[pousr]_[A-Za-z0-9]{30,}$/, /^glpat-[A-Za-z0-9_-]{20,}$/, /^xox[abposr]-[A-Za-z0-9-]{10,}$/, /^[sr]k_live_[A-Za-z0-9]{16,}$/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

/** True for a value that is a credential by its form (`AKIA…`, `ghp_…`, a PEM private key). */
export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_VALUES.some((re) => re.test(value));
}

/** Values that point at a secret rather than hold one. */
function isReference(value: string): boolean {
  return value.startsWith('arn:') || value.startsWith('/run/secrets/') || value.startsWith('ssm:') || value.startsWith('secretsmanager:');
}

export const secretInEnvironment: Rule = {
  ...ruleCode('SECRET_IN_ENVIRONMENT'),
  check(project, ctx) {
    const callerEnv = ctx.options.env ?? {};
    for (const [name, svc] of Object.entries(project.services)) {
      // A variable an env_file gives is positioned at the env_file entry that named its file.
      // With x-ecs.environment_files the files become S3 objects, not task definition text.
      const viaS3 = ctx.target !== 'kubernetes' && ctx.ir()?.ecs?.services[name]?.settings.environment_files !== undefined;
      const fileEntries = viaS3 ? [] : (svc.env_file ?? []).map((_, i) => locate(project, ['services', name, 'env_file', i]));
      const fileSecrets = new Map<number, string[]>();
      // Where the value would be written in plain text, and what to do instead, per target.
      const into = ctx.target === 'kubernetes' ? 'the manifests' : 'the task definition';
      const remedy =
        ctx.target === 'kubernetes'
          ? 'give it as a compose secret instead, which the pods read from a Secret'
          : 'use secrets (x-ecs.secrets) instead, so that the task reads it from Secrets Manager or SSM Parameter Store';
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (value === null || value === '' || isReference(value) || !(looksSecret(key) || looksLikeCredential(value))) continue;
        const at = ['services', name, 'environment', key];
        const range = locate(project, at);
        if (!range) continue;
        // From an env_file: the project's file, copied into the task definition as it is.
        const file = fileEntries.findIndex((r) => r !== undefined && r.file === range.file && r.start === range.start && r.end === range.end);
        if (file >= 0) {
          fileSecrets.set(file, [...(fileSecrets.get(file) ?? []), key]);
          continue;
        }
        const written = range.file.text.slice(range.start, range.end);
        if (INTERPOLATION.test(written)) {
          // ${VAR} from the caller's environment is the deploy's business; from the project's
          // .env file (or a ${VAR:-default} written here) it is a literal of the project's files.
          const fromFiles = interpolated(written).filter((v) => callerEnv[v] === undefined);
          if (!fromFiles.length) continue;
          ctx.report(`services.${name}.environment.${key} gets a secret through \${${fromFiles[0]}} from the project's .env file (or a default written here): it would be stored in plain text in ${into}; ${remedy}`, at);
        } else if (written.includes(value)) {
          ctx.report(`services.${name}.environment.${key} holds a literal secret: it would be stored in plain text in ${into}; ${remedy}, or give \${${key}} from the deploy environment`, at);
        }
        // Otherwise from the shell environment (a bare `KEY`): the deploy's own.
      }
      for (const [i, keys] of fileSecrets) {
        const entry = fileEntries[i] as NonNullable<(typeof fileEntries)[number]>;
        const text = entry.file.text.slice(entry.start, entry.end);
        // The long syntax (`- path: docker/.env`) is named by its path, relative to the project as written, never the converting machine's.
        const dir = projectFiles(project)?.directory;
        const path = svc.env_file?.[i]?.path ?? '';
        const file = text.includes('\n') || text.trimStart().startsWith('{') ? (dir !== undefined ? relativePath(dir, path) : path) : text;
        const them = keys.length === 1 ? 'it' : 'them';
        const fileRemedy =
          ctx.target === 'kubernetes'
            ? `keep ${them} out of the env file and give ${them} as compose secrets, which the pods read from a Secret`
            : `keep ${them} out of the env file and give ${them} as secrets (x-ecs.secrets), so that the task reads ${them} from Secrets Manager or SSM Parameter Store`;
        ctx.report(`services.${name}.env_file[${i}] (${file}) gives ${keys.join(', ')}, which ${keys.length === 1 ? 'holds a secret' : 'hold secrets'}: read from the file, ${keys.length === 1 ? 'it' : 'they'} would be stored in plain text in ${into}; ${fileRemedy}`, ['services', name, 'env_file', i]);
      }
    }
  },
};
