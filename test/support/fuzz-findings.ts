/**
 * The inputs the fuzzers found bugs with, as generators, so that every property keeps trying
 * them: names that are also `Object.prototype`'s (`__proto__`, `constructor`, …) wherever a
 * user names something, interpolation syntax errors in every extension field, and (for the
 * properties over real files) files that are not regular files wherever a path is accepted.
 * The text is flow-style YAML built by hand: a generated object could not hold a `__proto__` key.
 */
import fc from 'fast-check';

/** Names `Object.prototype` (or a function) already has. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'] as const;

/** Interpolation that does not parse, or fails by design (`${A:?}` with A unset). */
export const INTERPOLATION_ERRORS = ['${', '${${}}', '${A:?}', '${A?}', '${A:-${}', '$${', '${ A }', '${A:?must be set}'] as const;

/** A user's name: a prototype name most of the time, an ordinary one otherwise. */
export const userName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) }, { weight: 1, arbitrary: fc.constantFrom('web', 'db', 'cache') });

/** A value in an extension field: an interpolation error, or an ordinary value. */
export const extensionValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...INTERPOLATION_ERRORS) }, { weight: 1, arbitrary: fc.constantFrom('ok', 'arn:aws:iam::123456789012:role/r', '1') });

const q = (s: string): string => JSON.stringify(s);
/** A flow mapping of entries whose values are YAML text already. */
function map(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${q(k)}: ${v}`).join(', ')}}`;
}
const names = (max: number) => fc.uniqueArray(userName, { minLength: 1, maxLength: max });

/**
 * x-ecs as users write it, at a service or at the top: prototype names as the keys of its maps
 * (`tags`, `service.tags`) and, when `broken`, as unknown keys with interpolation errors as values.
 */
function xEcs(keys: readonly string[], values: readonly string[], broken: boolean): string {
  const tags = map(keys.map((k, i) => [k, q(broken ? values[i % values.length]! : 'v')] as const));
  if (!broken) return map([['tags', tags], ['service', map([['tags', tags]])]]);
  const [a, b, c] = [values[0]!, values[1 % values.length]!, values[2 % values.length]!];
  return map([
    ['tags', tags],
    ['service', map([['cluster', q(a)], ['role', q(b)], ['tags', tags], ...keys.map((k) => [k, q(c)] as const)])],
    ['task', map([['execution_role', q(c)]])],
    ...keys.map((k) => [k, map([[k, q(a)]])] as const),
  ]);
}

/**
 * One compose file (text) with prototype names as every kind of name and key: services,
 * networks, volumes, secrets, configs, environment and label keys, x-ecs map keys. Half the
 * time (`broken`) every extension field — x-ecs at both levels, x-aws-*, x-kubernetes,
 * x-compose2ecs — holds an interpolation error, which stops the load; otherwise they hold
 * valid values, so that the names reach the passes and every backend.
 */
export const fuzzFindingsFile = fc
  .record({
    broken: fc.boolean(),
    services: names(3),
    networks: names(2),
    volumes: names(2),
    secrets: names(2),
    configs: names(2),
    keys: names(3),
    values: fc.array(extensionValue, { minLength: 8, maxLength: 8 }),
  })
  .map((g) => {
    const v = (i: number, valid: string): string => q(g.broken ? g.values[i]! : valid);
    const kv = map(g.keys.map((k) => [k, q('v')] as const));
    const key = g.keys[0]!;
    const service = (name: string): string =>
      map([
        ['image', q('nginx:1.25')],
        ['environment', kv],
        ['labels', kv],
        ['networks', `[${g.networks.map(q).join(', ')}]`],
        ['volumes', `[${g.volumes.map((x) => q(`${x}:/data/${x}`)).join(', ')}]`],
        ['secrets', `[${g.secrets.map(q).join(', ')}]`],
        ['configs', `[${g.configs.map(q).join(', ')}]`],
        ['x-ecs', xEcs(g.keys, g.values.slice(0, 3), g.broken)],
        ['x-aws-role', g.broken ? q(g.values[3]!) : map([['Version', q('2012-10-17')], ['Statement', '[]']])],
        ['x-aws-policies', `[${v(4, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')}]`],
        ['x-kubernetes', map([[key, v(5, 'v')]])],
        ['x-compose2ecs', map([['disable', `[${v(6, 'IMAGE_UNPINNED')}]`]])],
        ...(name === g.services[0] ? [] : [['depends_on', `[${q(g.services[0]!)}]`] as const]),
      ]);
    return `${map([
      ['services', map(g.services.map((x) => [x, service(x)] as const))],
      ['networks', map(g.networks.map((n) => [n, '{}'] as const))],
      ['volumes', map(g.volumes.map((x) => [x, '{}'] as const))],
      ['secrets', map(g.secrets.map((x) => [x, map([['file', q('./secret.txt')]])] as const))],
      ['configs', map(g.configs.map((x) => [x, map([['file', q('./config.txt')]])] as const))],
      ['x-ecs', xEcs(g.keys, g.values.slice(5, 8), g.broken)],
      ['x-aws-cluster', v(7, 'cluster01')],
      ['x-aws-vpc', v(0, 'vpc-0123456789abcdef0')],
      ['x-aws-cloudformation', map([[key, v(1, 'v')]])],
      ['x-kubernetes', map([[key, v(2, 'v')]])],
      ['x-compose2ecs', map([['disable', `[${v(3, 'IMAGE_UNPINNED')}]`]])],
    ])}\n`;
  });

/** Where a path is accepted: the compose text naming `FILE`, or `-f FILE` itself. */
export const PATH_PLACES = {
  '-f': '',
  include: 'include: [FILE]\nservices: {web: {image: nginx}}\n',
  'extends.file': 'services: {web: {extends: {file: FILE, service: base}}}\n',
  env_file: 'services: {web: {image: nginx, env_file: FILE}}\n',
  label_file: 'services: {web: {image: nginx, label_file: FILE}}\n',
  'secret file': 'services: {web: {image: nginx, secrets: [s]}}\nsecrets: {s: {file: FILE}}\n',
  'config file': 'services: {web: {image: nginx, configs: [c]}}\nconfigs: {c: {file: FILE}}\n',
} as const;
export type PathPlace = keyof typeof PATH_PLACES;
