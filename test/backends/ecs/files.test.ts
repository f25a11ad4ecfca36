/**
 * Secrets, configs and project files on ECS, delivered as compose delivers them: files at the
 * paths compose uses, written by the compose2ecs-files init container into task volumes.
 * Spec text: ../shared/upstream/compose-spec/05-services.md (secrets, configs, volumes) and
 * 09-secrets.md / 08-configs.md.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { validateRegisterTaskDefinition } from '../../validators/ecs.js';
import { FILE_CONTENT_MAX } from '../../../src/model/project-files.js';

type Container = Record<string, any> & { name: string };

const ROOT = '/home/someone/work/shop';

async function ecs(compose: string, options: Partial<ConvertOptions> = {}, files: Record<string, string> = {}) {
  const all: Record<string, string> = { [`${ROOT}/compose.yaml`]: compose };
  for (const [k, v] of Object.entries(files)) all[`${ROOT}/${k}`] = v;
  const { outputs, diagnostics } = await convert({ host: memoryHost(all, ROOT), env: { API_TOKEN: 'env-token-value' }, target: 'ecs', layout: 'service', ...options });
  for (const o of outputs) if (o.path.endsWith('.task-definition.json')) expect(validateRegisterTaskDefinition(o.value), o.path).toEqual([]);
  const task = (name: string) => outputs.find((o) => o.path === `${name}.task-definition.json`)?.value as Record<string, any> | undefined;
  const container = (t: string, name: string) => (task(t)?.containerDefinitions as Container[] | undefined)?.find((c) => c.name === name);
  const text = outputs.map((o) => o.contents).join('\n');
  const found = (code: string) => diagnostics.filter((d) => d.code === code);
  return { outputs, diagnostics, task, container, text, found };
}

const postgres = `name: shop
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_password]
secrets:
  db_password:
    file: ./secrets/db_password.txt
`;

describe('05-services secrets: "mounted as a file in /run/secrets/<source>"', () => {
  it('a file secret without an ARN is read from the SSM parameter /<project>/<secret> by name and written to /run/secrets/<name>', async () => {
    const r = await ecs(postgres, {}, { 'secrets/db_password.txt': 'MARKER-secret-value' });
    const writer = r.container('db', 'compose2ecs-files');
    expect(writer?.essential).toBe(false);
    expect(writer?.secrets).toEqual([{ name: 'COMPOSE2ECS_FILE_0', valueFrom: '/shop/db_password' }]);
    expect(writer?.command[0]).toContain(`printf '%s' "$COMPOSE2ECS_FILE_0" > '/compose2ecs/db-files-run-secrets/db_password'`);
    const db = r.container('db', 'db');
    expect(db?.dependsOn).toEqual([{ containerName: 'compose2ecs-files', condition: 'SUCCESS' }]);
    expect(db?.mountPoints).toEqual([{ sourceVolume: 'db-files-run-secrets', containerPath: '/run/secrets', readOnly: true }]);
    expect(r.task('db')?.volumes).toEqual([{ name: 'db-files-run-secrets' }]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('the warning gives the command that creates the parameter from the file, relative to the project; the value is never read', async () => {
    const r = await ecs(postgres, {}, { 'secrets/db_password.txt': 'MARKER-secret-value' });
    const [must] = r.found('ECS_SECRET_MUST_EXIST');
    expect(must?.path).toBe('/secrets/db_password');
    expect(must?.message).toContain('aws ssm put-parameter --type SecureString --name /shop/db_password --value file://secrets/db_password.txt');
    expect(r.text).not.toContain('MARKER-secret-value');
    expect(r.diagnostics.map((d) => d.message).join('\n')).not.toContain(ROOT);
  });

  it('an environment secret gets the command with its variable', async () => {
    const r = await ecs(`name: shop\nservices:\n  api:\n    image: api\n    secrets: [token]\nsecrets:\n  token:\n    environment: API_TOKEN\n`);
    expect(r.found('ECS_SECRET_MUST_EXIST')[0]?.message).toContain('--name /shop/token --value "$API_TOKEN"');
    expect(r.text).not.toContain('env-token-value');
  });

  it('a relative target names a file in /run/secrets; an absolute one its own directory, with uid, gid and mode', async () => {
    const r = await ecs(`name: shop
services:
  api:
    image: api
    secrets:
      - { source: a, target: key.pem }
      - { source: b, target: /etc/api/token, uid: "1000", gid: "1000", mode: 0400 }
secrets:
  a: { file: ./a }
  b: { file: ./b }
`);
    const script = r.container('api', 'compose2ecs-files')?.command[0] as string;
    expect(script).toContain(`> '/compose2ecs/api-files-run-secrets/key.pem'`);
    expect(script).toContain(`chmod 0400 '/compose2ecs/api-files-etc-api/token'`);
    expect(script).toContain(`chown '1000:1000' '/compose2ecs/api-files-etc-api/token'`);
    expect(r.container('api', 'api')?.mountPoints.map((m: any) => m.containerPath).sort()).toEqual(['/etc/api', '/run/secrets']);
  });

  it('x-ecs.secret_store secretsmanager with --region and --account-id reads the secret <project>/<secret> by ARN, with the create-secret command', async () => {
    const compose = postgres.replace('services:', 'x-ecs:\n  secret_store: secretsmanager\nservices:');
    const r = await ecs(compose, { region: 'eu-west-1', accountId: '123456789012' });
    expect(r.container('db', 'compose2ecs-files')?.secrets[0].valueFrom).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db_password');
    expect(r.found('ECS_SECRET_MUST_EXIST')[0]?.message).toContain('aws secretsmanager create-secret --name shop/db_password --secret-string file://secrets/db_password.txt');
  });

  it('the Secrets Manager ARN takes the Region the awslogs logs take: --region, x-ecs.region, AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    // One task, one Region (RegisterTaskDefinition: the secret's ARN and awslogs-region name the Region the task runs in).
    const compose = postgres.replace('services:', 'x-ecs:\n  secret_store: secretsmanager\nservices:');
    const regions = async (options: Partial<ConvertOptions>) => {
      const r = await ecs(compose, { accountId: '123456789012', ...options });
      const arn = r.container('db', 'compose2ecs-files')?.secrets[0].valueFrom as string;
      return { arn: arn.split(':')[3], logs: r.container('db', 'db')?.logConfiguration?.options?.['awslogs-region'] };
    };
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-1' };
    expect(await regions({ region: 'eu-west-1', env })).toEqual({ arn: 'eu-west-1', logs: 'eu-west-1' });
    expect(await regions({ env: { AWS_DEFAULT_REGION: 'us-east-1' } })).toEqual({ arn: 'us-east-1', logs: 'us-east-1' });
    expect(await regions({ env })).toEqual({ arn: 'us-west-2', logs: 'us-west-2' });
    // The command the warning gives creates the secret in that Region too.
    const created = await ecs(compose, { accountId: '123456789012', env: { AWS_DEFAULT_REGION: 'us-east-1' } });
    expect(created.found('ECS_SECRET_MUST_EXIST')[0]?.message).toContain('aws secretsmanager create-secret --name shop/db_password --secret-string file://secrets/db_password.txt --region us-east-1');
    const fromFile = await ecs(compose.replace('x-ecs:\n', 'x-ecs:\n  region: eu-north-1\n'), { accountId: '123456789012', env });
    expect(fromFile.container('db', 'compose2ecs-files')?.secrets[0].valueFrom).toBe('arn:aws:secretsmanager:eu-north-1:123456789012:secret:shop/db_password');
    expect(fromFile.container('db', 'db')?.logConfiguration?.options?.['awslogs-region']).toBe('eu-north-1');
  });

  it('secretsmanager without the Region and account falls back to SSM, with a warning naming the flags', async () => {
    const r = await ecs(postgres.replace('services:', 'x-ecs:\n  secret_store: secretsmanager\nservices:'));
    expect(r.container('db', 'compose2ecs-files')?.secrets[0].valueFrom).toBe('/shop/db_password');
    expect(r.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('--account-id') && d.message.includes('AWS_REGION'))).toBe(true);
  });

  it('x-ecs.secret_delivery environment injects the secret as a variable named by the target instead', async () => {
    const r = await ecs(`name: shop
x-ecs:
  secret_delivery: { token: environment }
services:
  api:
    image: api
    secrets: [{ source: token, target: API_TOKEN }]
secrets:
  token: { environment: API_TOKEN }
`);
    expect(r.container('api', 'api')?.secrets).toEqual([{ name: 'API_TOKEN', valueFrom: '/shop/token' }]);
    expect(r.container('api', 'compose2ecs-files')).toBeUndefined();
  });

  it('without an execution role a warning names the permissions; --execution-role sets it', async () => {
    const without = await ecs(postgres);
    const warn = without.diagnostics.find((d) => d.code === 'ECS_INVALID' && d.message.includes('execution role'));
    expect(warn?.message).toContain('ssm:GetParameters and kms:Decrypt on the parameter /shop/db_password');
    const given = await ecs(postgres, { executionRole: 'arn:aws:iam::123456789012:role/exec' });
    expect(given.task('db')?.executionRoleArn).toBe('arn:aws:iam::123456789012:role/exec');
    expect(given.diagnostics.some((d) => d.code === 'ECS_INVALID' && d.message.includes('execution role'))).toBe(false);
  });
});

describe('05-services configs: "mounted … at /<config_name>" or the target', () => {
  const web = (configs: string) => `name: shop
services:
  web:
    image: nginx
    configs:
${configs}
configs:
  conf: { file: ./nginx/site.conf }
  motd: { content: "hello from \${COMPOSE_PROJECT_NAME}" }
`;

  it('a file config and a content config (interpolated) are written at their targets', async () => {
    const r = await ecs(web('      - { source: conf, target: /etc/nginx/conf.d/site.conf }\n      - { source: motd, target: /srv/motd/motd.txt }'), {}, { 'nginx/site.conf': 'server {}\n' });
    const env = r.container('web', 'compose2ecs-files')?.environment;
    expect(env).toEqual([
      { name: 'COMPOSE2ECS_FILE_0', value: 'server {}\n' },
      { name: 'COMPOSE2ECS_FILE_1', value: 'hello from shop' },
    ]);
    expect(r.container('web', 'web')?.mountPoints.map((m: any) => m.containerPath)).toEqual(['/etc/nginx/conf.d', '/srv/motd']);
  });

  it('a config file over the bound is an error at the config, not a crash', async () => {
    const r = await ecs(web('      - { source: conf, target: /etc/nginx/conf.d/site.conf }'), {}, { 'nginx/site.conf': 'x'.repeat(FILE_CONTENT_MAX + 1) });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual(['ECS_LIMIT /services/web/configs/0']);
    expect(r.outputs).toEqual([]);
  });

  it('the default target /<name> is at the root, where no volume can go: a warning says why, nothing is delivered', async () => {
    const r = await ecs(web('      - motd'));
    const warn = r.diagnostics.find((d) => d.path === '/services/web/configs/0');
    expect(warn?.severity).toBe('warning');
    expect(warn?.message).toContain('a directory of its own');
    expect(r.container('web', 'compose2ecs-files')).toBeUndefined();
  });
});

describe('05-services volumes: bind mounts of project paths', () => {
  const app = (volume: string, launch = '') => `name: shop${launch}
services:
  web:
    image: nginx
    volumes:
      - ${volume}
`;

  it('a read-only single file inside the project is delivered as a file, never as a host path of this machine', async () => {
    const r = await ecs(app('./config/web.ini:/etc/web/web.ini:ro'), {}, { 'config/web.ini': '[web]\n' });
    expect(r.container('web', 'compose2ecs-files')?.environment).toEqual([{ name: 'COMPOSE2ECS_FILE_0', value: '[web]\n' }]);
    expect(r.text).not.toContain(ROOT);
  });

  it('a directory on EC2 is a host path under /opt/<project>/ (or --host-root), with a warning', async () => {
    const r = await ecs(app('./site:/usr/share/nginx/html'), {}, { 'site/index.html': 'hi' });
    expect(r.task('web')?.volumes).toEqual([{ name: 'project-site', host: { sourcePath: '/opt/shop/site' } }]);
    expect(r.found('ECS_PROJECT_FILES').map((d) => d.path)).toEqual(['/services/web/volumes/0']);
    const moved = await ecs(app('./site:/usr/share/nginx/html'), { hostRoot: '/srv/apps/shop' }, { 'site/index.html': 'hi' });
    expect(moved.task('web')?.volumes).toEqual([{ name: 'project-site', host: { sourcePath: '/srv/apps/shop/site' } }]);
  });

  it('a directory on Fargate is not carried over and does not refuse the project', async () => {
    const r = await ecs(app('./site:/usr/share/nginx/html', '\nx-ecs: { launch_type: FARGATE }'), {}, { 'site/index.html': 'hi' });
    expect(r.found('ECS_PROJECT_FILES').map((d) => `${d.severity} ${d.path}`)).toEqual(['warning /services/web/volumes/0']);
    expect(r.task('web')).toBeDefined();
    expect(r.container('web', 'web')?.mountPoints).toBeUndefined();
  });

  // supabase's kong: `./volumes/api/kong.yml:/home/kong/temp.yml:ro` and an entrypoint that writes ~/kong.yml beside it.
  it('a read-only file bind leaves its directory writable, as the image\'s directory is under compose (only the file is read-only)', async () => {
    const r = await ecs(app('./api/kong.yml:/home/kong/temp.yml:ro'), {}, { 'api/kong.yml': '_format_version: "2.1"\n' });
    expect(r.container('web', 'web')?.mountPoints).toEqual([{ sourceVolume: 'web-files-home-kong', containerPath: '/home/kong' }]);
    const script = String(r.container('web', 'compose2ecs-files')?.command[0]);
    expect(script).toContain(`chmod 1777 '/compose2ecs/web-files-home-kong'`);
    expect(script).toContain(`chmod 0444 '/compose2ecs/web-files-home-kong/temp.yml'`);
  });

  it('05-services read_only: with a read-only root file system the directory stays read-only', async () => {
    const r = await ecs(app('./api/kong.yml:/home/kong/temp.yml:ro').replace('image: nginx', 'image: nginx\n    read_only: true'), {}, { 'api/kong.yml': 'x' });
    expect(r.container('web', 'web')?.mountPoints).toEqual([{ sourceVolume: 'web-files-home-kong', containerPath: '/home/kong', readOnly: true }]);
  });

  // supabase: `${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z` with DOCKER_SOCKET_LOCATION=/var/run/docker.sock in .env.
  it('12-interpolation: a source that is an absolute path once interpolated stays the instance path too', async () => {
    const r = await ecs(app('${DOCKER_SOCKET:-/var/run/docker.sock}:/var/run/docker.sock:ro'));
    expect(r.task('web')?.volumes).toEqual([{ name: 'var-run-docker-sock', host: { sourcePath: '/var/run/docker.sock' } }]);
    expect(r.found('ECS_PROJECT_FILES')).toEqual([]);
    const outside = await ecs(app('${SHARED:-../shared}:/shared'));
    expect(outside.found('ECS_PROJECT_FILES').map((d) => d.message)).toEqual([expect.stringContaining('outside the project directory')]);
  });

  it('an absolute path written as such stays the instance path', async () => {
    const r = await ecs(app('/var/run/docker.sock:/var/run/docker.sock'));
    expect(r.task('web')?.volumes).toEqual([{ name: 'var-run-docker-sock', host: { sourcePath: '/var/run/docker.sock' } }]);
  });
});

describe('the writer counts against ECS limits', () => {
  it('ten services in one task plus the writer exceed the ten containers ECS allows: an error at the grant', async () => {
    const services = Array.from({ length: 10 }, (_, i) => `  s${i}:\n    image: app\n    mem_limit: 32m\n${i === 3 ? '    secrets: [pw]\n' : ''}`).join('');
    const r = await ecs(`name: shop\nservices:\n${services}secrets:\n  pw:\n    environment: PW\n`, { layout: 'project' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual(['ECS_LIMIT /services/s3/secrets/0']);
  });
});

describe('the delivered text of a task fits in one task definition', () => {
  it('four configs of 15 KiB each, under the bound one by one, exceed what a task definition holds: an error at the config that tips it over', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const configs = names.map((n) => `      - { source: ${n}, target: /srv/conf/${n}.txt }`).join('\n');
    const top = names.map((n) => `  ${n}: { file: ./${n}.txt }`).join('\n');
    const files = Object.fromEntries(names.map((n) => [`${n}.txt`, n.repeat(15 * 1024)]));
    const r = await ecs(`name: shop\nservices:\n  web:\n    image: nginx\n    configs:\n${configs}\nconfigs:\n${top}\n`, {}, files);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual(['ECS_LIMIT /services/web/configs/3']);
  });
});

describe('05-services configs: a file delivered into a directory of the image hides the rest of that directory on ECS', () => {
  const web = (target: string) => `name: shop\nservices:\n  web:\n    image: nginx:1.27\n    configs:\n      - source: site\n        target: ${target}\nconfigs:\n  site:\n    file: ./site.conf\n`;
  const hiding = async (target: string) => {
    const r = await ecs(web(target), {}, { 'site.conf': 'server {}\n' });
    return r.found('ECS_UNSUPPORTED_FIELD').filter((d) => d.message.includes('is hidden'));
  };
  it('a directory the image fills (/etc/nginx, beside mime.types): a warning that the process may not start, with what to do instead (the nextcloud nginx.conf pattern)', async () => {
    const [d] = await hiding('/etc/nginx/nginx.conf');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toMatch(/it will not start as under compose: deliver the file into a directory the image keeps for such files \(a conf\.d\)/);
  });
  it.each(['/etc/nginx/conf.d/site.conf', '/docker-entrypoint-initdb.d/init.sql', '/run/app/site.conf'])('a drop-in or run-time directory (%s): an info', async (target) => {
    const found = await hiding(target);
    expect(found.map((d) => d.severity)).toEqual(['info']);
  });
});
