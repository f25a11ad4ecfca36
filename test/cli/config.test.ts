/**
 * `compose2ecs config`, run in process: `run(argv, io)` over an in-memory host, with standard
 * output and error captured. Exit codes (DESIGN.md): 0 success (warnings allowed), 1 the
 * input has errors, 2 bad usage.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import pkg from '../../package.json' with { type: 'json' };
import { run } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { memoryHost } from '../../src/loader/memory-host.js';

interface Invocation {
  /** Files of the in-memory disk; relative paths start at `cwd`. */
  files?: Record<string, string>;
  cwd?: string;
  env?: Record<string, string>;
  /** Standard input; when absent the CLI has none (io.readStdin unset). */
  stdin?: string;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const WORK = '/work';

async function cli(argv: string[], inv: Invocation = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = inv.cwd ?? WORK;
  const io: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: inv.env ?? {},
    cwd,
    host: memoryHost(inv.files ?? {}, cwd),
    ...(inv.stdin !== undefined ? { readStdin: async () => inv.stdin as string } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** `config --format json` parsed; fails the test with stderr when the command did not succeed. */
async function configJson(argv: string[], inv: Invocation = {}): Promise<Record<string, any>> {
  const r = await cli(['config', '--format', 'json', ...argv], inv);
  expect(r.stderr, 'no diagnostics expected').toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

const WEB = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n';

describe('config prints the normalized model', () => {
  it('--format json: every file merged, short syntax made long, the default network added', async () => {
    const doc = await configJson(['-f', 'compose.yaml'], { files: { 'compose.yaml': WEB } });
    expect(doc).toEqual({
      name: 'work',
      services: {
        web: {
          image: 'nginx',
          networks: { default: null },
          ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
        },
      },
      networks: { default: { name: 'work_default' } },
    });
  });

  it('the default format is YAML, the same document as --format json', async () => {
    const files = { 'compose.yaml': WEB };
    const yaml = await cli(['config', '-f', 'compose.yaml'], { files });
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).not.toMatch(/^\s*\{/);
    expect(parseYaml(yaml.stdout)).toEqual(await configJson(['-f', 'compose.yaml'], { files }));
  });

  it('--format=json (inline value) is read like --format json', async () => {
    const r = await cli(['config', '--format=json', '-f', 'compose.yaml'], { files: { 'compose.yaml': WEB } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).services.web.image).toBe('nginx');
  });

  it('several -f files are merged in order (13-merge)', async () => {
    const doc = await configJson(['-f', 'a.yaml', '-f', 'b.yaml'], {
      files: { 'a.yaml': 'services:\n  web:\n    image: a\n', 'b.yaml': 'services:\n  web:\n    image: b\n' },
    });
    expect(doc.services.web.image).toBe('b');
  });
});

describe('03-compose-file: default files when no -f is given', () => {
  it('compose.yaml with compose.override.yaml merged over it', async () => {
    const doc = await configJson([], {
      files: {
        'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      MODE: base\n',
        'compose.override.yaml': 'services:\n  web:\n    environment:\n      MODE: override\n',
      },
    });
    expect(doc.services.web).toMatchObject({ image: 'nginx', environment: { MODE: 'override' } });
  });

  it('compose.yaml is preferred over docker-compose.yml', async () => {
    const doc = await configJson([], {
      files: { 'compose.yaml': 'services:\n  a:\n    image: a\n', 'docker-compose.yml': 'services:\n  b:\n    image: b\n' },
    });
    expect(Object.keys(doc.services)).toEqual(['a']);
  });

  it('docker-compose.yml alone, with its docker-compose.override.yml', async () => {
    const doc = await configJson([], {
      files: {
        'docker-compose.yml': 'services:\n  legacy:\n    image: old\n',
        'docker-compose.override.yml': 'services:\n  legacy:\n    image: new\n',
      },
    });
    expect(doc.services.legacy.image).toBe('new');
  });

  it('a file in a parent directory is found; the project is the directory that holds it', async () => {
    const doc = await configJson([], {
      cwd: '/work/shop/src/deep',
      files: { '/work/shop/compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./html:/usr/share/nginx/html\n' },
    });
    expect(doc.name).toBe('shop');
    expect(doc.services.web.volumes[0].source).toBe('/work/shop/html');
  });

  it('no compose file anywhere: exit 1 and a message naming the names looked for', async () => {
    const r = await cli(['config'], { files: { 'README.md': '# nothing here' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('NO_COMPOSE_FILE');
    expect(r.stderr).toContain('compose.yaml');
  });

  it('COMPOSE_FILE names the files when -f is not given', async () => {
    const doc = await configJson([], {
      env: { COMPOSE_FILE: 'one.yaml:two.yaml' },
      files: { 'one.yaml': 'services:\n  one:\n    image: a\n', 'two.yaml': 'services:\n  two:\n    image: b\n', 'compose.yaml': 'services:\n  ignored:\n    image: c\n' },
    });
    expect(Object.keys(doc.services).sort()).toEqual(['one', 'two']);
  });
});

describe('-f - reads standard input', () => {
  it('the compose file comes from io.readStdin', async () => {
    const doc = await configJson(['-f', '-'], { stdin: 'services:\n  piped:\n    image: from-stdin\n' });
    expect(doc.services.piped.image).toBe('from-stdin');
  });

  it('a mistake in standard input is reported at stdin:line:col, named as docker compose names it', async () => {
    const r = await cli(['config', '-f', '-'], { stdin: 'services:\n  web:\n    imagee: nginx\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stdin:3:5: error COMPOSE_UNKNOWN_KEY/);
  });

  it('-f - given twice is bad usage (exit 2)', async () => {
    const r = await cli(['config', '-f', '-', '-f', '-'], { stdin: 'services: {}\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only once');
  });

  it('-f - without a standard input is bad usage (exit 2)', async () => {
    const r = await cli(['config', '-f', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input');
  });
});

describe('errors in the input: exit 1, file:line:col on standard error, nothing on standard output', () => {
  it('a misspelled key: its position, the code frame and the did-you-mean suggestion', async () => {
    const r = await cli(['config', '-f', 'compose.yaml'], { files: { 'compose.yaml': 'services:\n  web:\n    imagee: nginx\n' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("compose.yaml:3:5: error COMPOSE_UNKNOWN_KEY: services.web.imagee: unknown key; did you mean 'image'?");
    expect(r.stderr).toContain('> 3 |     imagee: nginx');
    expect(r.stderr).toMatch(/\| {5}\^{6}\n/);
  });

  it('paths below the current directory are printed relative to it, others in full', async () => {
    const r = await cli(['config', '-f', '/elsewhere/compose.yaml'], { files: { '/elsewhere/compose.yaml': 'services:\n  web:\n    imagee: nginx\n' } });
    expect(r.stderr).toContain('/elsewhere/compose.yaml:3:5:');
    const rel = await cli(['config', '-f', 'sub/compose.yaml'], { files: { 'sub/compose.yaml': 'services:\n  web:\n    imagee: nginx\n' } });
    expect(rel.stderr).toMatch(/^sub\/compose\.yaml:3:5:/m);
  });

  it('a missing ${VAR:?msg} variable: exit 1 and the message quoted', async () => {
    const files = { 'compose.yaml': 'services:\n  db:\n    image: postgres\n    environment:\n      PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD first}\n' };
    const r = await cli(['config', '-f', 'compose.yaml'], { files });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('compose.yaml:5:17: error INTERPOLATION_REQUIRED');
    expect(r.stderr).toContain('set DB_PASSWORD first');
    // and with the variable set, the same file is fine
    const ok = await configJson(['-f', 'compose.yaml'], { files, env: { DB_PASSWORD: 's3cret' } });
    expect(ok.services.db.environment.PASSWORD).toBe('s3cret');
  });

  it('a YAML syntax error: exit 1', async () => {
    const r = await cli(['config', '-f', 'compose.yaml'], { files: { 'compose.yaml': 'services:\n  web: [\n' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('YAML_SYNTAX');
  });

  it('a missing -f file: exit 1 naming it', async () => {
    const r = await cli(['config', '-f', 'nope.yaml'], { files: { 'compose.yaml': WEB } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
    expect(r.stderr).toContain('/work/nope.yaml');
  });
});

describe('bad usage: exit 2 with a hint', () => {
  const files = { 'compose.yaml': WEB };

  it('an unknown flag', async () => {
    const r = await cli(['config', '--frobnicate'], { files });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown flag --frobnicate');
    expect(r.stderr).toContain("Run 'compose2ecs config --help'");
  });

  it('an unknown short flag', async () => {
    const r = await cli(['config', '-z'], { files });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown flag -z');
  });

  it('a --format value that is not yaml or json', async () => {
    const r = await cli(['config', '--format', 'xml'], { files });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of: yaml, json (got "xml")');
    expect(r.stderr).toContain('--help');
  });

  it('a flag that needs a value given none', async () => {
    const r = await cli(['config', '-f'], { files });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--file needs a value');
  });

  it('a switch given a value', async () => {
    const r = await cli(['config', '--strict=yes'], { files });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--strict takes no value');
  });

  it('an unknown command', async () => {
    const r = await cli(['confgi'], { files });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown command "confgi"');
    expect(r.stderr).toContain("Run 'compose2ecs --help'");
  });

  it('no command at all: the usage on standard output, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: compose2ecs COMMAND');
  });
});

describe('--help and --version exit 0', () => {
  it.each([['--help'], ['-h'], ['help']])('%s lists the commands', async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: compose2ecs COMMAND');
    expect(r.stdout).toMatch(/^ {2}config {4}/m);
    expect(r.stderr).toBe('');
  });

  it('config --help lists the options of config and reads no file', async () => {
    const r = await cli(['config', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: compose2ecs config [OPTIONS]');
    for (const flag of ['--file', '--project-name', '--profile', '--env-file', '--project-directory', '--format', '--strict']) expect(r.stdout).toContain(flag);
    expect(r.stderr).toBe('');
  });

  it.each([['--version'], ['-v'], ['version']])('%s prints the package version', async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('warnings: exit 0, or 1 with --strict', () => {
  const files = { 'compose.yaml': 'version: "3.8"\nservices:\n  web:\n    image: nginx\n' };

  it('a warning alone: printed, the model printed too, exit 0', async () => {
    const r = await cli(['config', '--format', 'json'], { files });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('compose.yaml:1:1: warning COMPOSE_VERSION_OBSOLETE');
    expect(JSON.parse(r.stdout).services.web.image).toBe('nginx');
  });

  it('--strict turns the warning into a failure: exit 1, no model', async () => {
    const r = await cli(['config', '--format', 'json', '--strict'], { files });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COMPOSE_VERSION_OBSOLETE');
    expect(r.stdout).toBe('');
  });

  it('--strict on a clean file changes nothing: exit 0', async () => {
    const r = await cli(['config', '--strict'], { files: { 'compose.yaml': WEB } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('an unset variable is a warning: exit 0, or 1 with --strict', async () => {
    // Not in the image: nginx:${TAG} with TAG unset is nginx:, no valid reference (an error).
    const unset = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    command: echo ${TAG}\n' };
    expect((await cli(['config'], { files: unset })).code).toBe(0);
    const strict = await cli(['config', '--strict'], { files: unset });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('INTERPOLATION_UNSET');
  });
});

describe('common flags each have an effect', () => {
  const named = { 'compose.yaml': 'name: from-file\nservices:\n  web:\n    image: nginx\n    command: echo ${COMPOSE_PROJECT_NAME}\n' };

  it('-p / --project-name names the project (over COMPOSE_PROJECT_NAME and the top-level name)', async () => {
    expect((await configJson([], { files: named })).name).toBe('from-file');
    expect((await configJson([], { files: named, env: { COMPOSE_PROJECT_NAME: 'from-env' } })).name).toBe('from-env');
    const doc = await configJson(['-p', 'from-flag'], { files: named, env: { COMPOSE_PROJECT_NAME: 'from-env' } });
    expect(doc.name).toBe('from-flag');
    expect(doc.networks.default.name).toBe('from-flag_default');
    expect(doc.services.web.command).toEqual(['echo', 'from-flag']);
    expect((await configJson(['--project-name', 'long-form'], { files: named })).name).toBe('long-form');
  });

  it('-p with an invalid name is an error: exit 1', async () => {
    const r = await cli(['config', '-p', 'Not Valid'], { files: named });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COMPOSE_PROJECT_NAME');
    expect(r.stderr).toContain('Not Valid');
  });

  const profiled = {
    'compose.yaml': 'services:\n  app:\n    image: app\n  debug:\n    image: debug\n    profiles: [debug]\n  test:\n    image: test\n    profiles: [test]\n',
  };

  it('--profile enables services of that profile; it is repeatable', async () => {
    expect(Object.keys((await configJson([], { files: profiled })).services)).toEqual(['app']);
    expect(Object.keys((await configJson(['--profile', 'debug'], { files: profiled })).services)).toEqual(['app', 'debug']);
    expect(Object.keys((await configJson(['--profile', 'debug', '--profile', 'test'], { files: profiled })).services)).toEqual(['app', 'debug', 'test']);
    expect(Object.keys((await configJson(['--profile', '*'], { files: profiled })).services)).toEqual(['app', 'debug', 'test']);
  });

  it('--profile wins over COMPOSE_PROFILES', async () => {
    const env = { COMPOSE_PROFILES: 'test' };
    expect(Object.keys((await configJson([], { files: profiled, env })).services)).toEqual(['app', 'test']);
    expect(Object.keys((await configJson(['--profile', 'debug'], { files: profiled, env })).services)).toEqual(['app', 'debug']);
  });

  const tagged = {
    'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-latest}\n',
    '.env': 'TAG=from-dotenv\n',
    'prod.env': 'TAG=from-env-file\n',
    'later.env': 'TAG=from-later-env-file\n',
  };

  it('--env-file replaces .env; later ones win; the environment wins over both', async () => {
    expect((await configJson([], { files: tagged })).services.web.image).toBe('nginx:from-dotenv');
    expect((await configJson(['--env-file', 'prod.env'], { files: tagged })).services.web.image).toBe('nginx:from-env-file');
    expect((await configJson(['--env-file', 'prod.env', '--env-file', 'later.env'], { files: tagged })).services.web.image).toBe('nginx:from-later-env-file');
    expect((await configJson(['--env-file', 'prod.env'], { files: tagged, env: { TAG: 'from-shell' } })).services.web.image).toBe('nginx:from-shell');
  });

  it('--env-file naming a missing file is an error: exit 1', async () => {
    const r = await cli(['config', '--env-file', 'missing.env'], { files: tagged });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ENV_FILE_NOT_FOUND');
  });

  it('--project-directory: the base of relative paths, the .env read and the default project name', async () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-latest}\n    volumes:\n      - ./data:/data\n',
      'deploy/.env': 'TAG=from-deploy-dir\n',
    };
    const plain = await configJson([], { files });
    expect(plain.name).toBe('work');
    expect(plain.services.web.volumes[0].source).toBe('/work/data');
    expect(plain.services.web.image).toBe('nginx:latest');
    const moved = await configJson(['--project-directory', 'deploy'], { files });
    expect(moved.name).toBe('deploy');
    expect(moved.services.web.volumes[0].source).toBe('/work/deploy/data');
    expect(moved.services.web.image).toBe('nginx:from-deploy-dir');
  });
});
