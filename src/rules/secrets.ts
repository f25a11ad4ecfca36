/**
 * A plaintext secret in `environment`: a variable named like a password, token, key or secret
 * whose value is written in the compose file itself. ECS would put it in the task definition,
 * readable by anyone who can describe it; use `secrets` (x-ecs.secrets → Secrets Manager or
 * SSM) or at least `${VARIABLE}` interpolation from the CI environment.
 */
import { ruleCode, type Rule } from './rule.js';
import { locate } from '../core/source.js';

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

/** Values that point at a secret rather than hold one. */
function isReference(value: string): boolean {
  return value.startsWith('arn:') || value.startsWith('/run/secrets/') || value.startsWith('ssm:') || value.startsWith('secretsmanager:');
}

export const secretInEnvironment: Rule = {
  ...ruleCode('SECRET_IN_ENVIRONMENT'),
  check(project, ctx) {
    for (const [name, svc] of Object.entries(project.services)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (value === null || value === '' || isReference(value) || !looksSecret(key)) continue;
        const range = locate(project, ['services', name, 'environment', key]);
        if (!range) continue;
        const written = range.file.text.slice(range.start, range.end);
        // From an env_file, the shell environment (a bare `KEY`) or ${…}: not written here.
        if (INTERPOLATION.test(written) || !written.includes(value)) continue;
        ctx.report(`services.${name}.environment.${key} holds a literal secret: it would be stored in plain text in the task definition; use secrets (x-ecs.secrets) or \${${key}} from the deploy environment`, ['services', name, 'environment', key]);
      }
    }
  },
};
