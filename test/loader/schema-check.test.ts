import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { checkSchema } from '../../src/loader/schema-check.js';
import { SchemaExplainer } from '../../src/loader/schema-explain.js';
import { schema } from '../../src/generated/compose-validator.js';

function check(text: string) {
  const reporter = new Reporter();
  const docs = parseYaml(new SourceFile('compose.yaml', text), reporter);
  expect(reporter.diagnostics, 'the YAML itself parses').toEqual([]);
  const valid = checkSchema(docs[0] ?? null, reporter);
  const found = reporter.diagnostics.map(({ code, severity, line, column, message }) => ({ code, severity, line, column, message }));
  return { valid, found, diagnostics: reporter.diagnostics };
}

const err = (code: string, line: number, column: number, message: string) => ({ code, severity: 'error', line, column, message });

describe('unknown keys (additionalProperties: false)', () => {
  it('05-services: a misspelled service key is reported at the key, with the closest attribute', () => {
    const { valid, found, diagnostics } = check('services:\n  web:\n    imagee: nginx\n');
    expect(valid).toBe(false);
    expect(found).toEqual([err('COMPOSE_UNKNOWN_KEY', 3, 5, "services.web.imagee: unknown key; did you mean 'image'?")]);
    expect(diagnostics[0]).toMatchObject({ file: 'compose.yaml', endLine: 3, endColumn: 11, path: '/services/web/imagee' });
  });

  it('03-compose-file: a misspelled top-level element', () => {
    expect(check('servces:\n  web:\n    image: nginx\n').found).toEqual([err('COMPOSE_UNKNOWN_KEY', 1, 1, "servces: unknown key; did you mean 'services'?")]);
  });

  it('a key close to nothing gets no guess; a short list of allowed keys is spelled out instead', () => {
    expect(check('services:\n  web:\n    image: nginx\n    frobnicate: true\n').found).toEqual([err('COMPOSE_UNKNOWN_KEY', 4, 5, 'services.web.frobnicate: unknown key')]);
    expect(check('clusters: {}\n').found).toEqual([
      err('COMPOSE_UNKNOWN_KEY', 1, 1, 'clusters: unknown key; expected one of: version, name, include, services, models, networks, volumes, secrets, configs (or an x- extension)'),
    ]);
  });

  it('the guess ignores case and - versus _ (DNS → dns, depends-on → depends_on)', () => {
    expect(check('services:\n  web:\n    DNS: 8.8.8.8\n    depends-on: [db]\n  db: {}\n').found).toEqual([
      err('COMPOSE_UNKNOWN_KEY', 3, 5, "services.web.DNS: unknown key; did you mean 'dns'?"),
      err('COMPOSE_UNKNOWN_KEY', 4, 5, "services.web.depends-on: unknown key; did you mean 'depends_on'?"),
    ]);
  });

  it('inside a oneOf: build as a mapping reports the mapping form’s unknown key, not "expected a string"', () => {
    expect(check('services:\n  web:\n    build:\n      contxt: .\n').found).toEqual([err('COMPOSE_UNKNOWN_KEY', 4, 7, "services.web.build.contxt: unknown key; did you mean 'context'?")]);
  });

  it('a misspelled required key is one mistake: extends.servce names service and no "missing service" follows', () => {
    expect(check('services:\n  web:\n    extends:\n      servce: base\n  base: {}\n').found).toEqual([
      err('COMPOSE_UNKNOWN_KEY', 4, 7, "services.web.extends.servce: unknown key; did you mean 'service'?"),
    ]);
  });

  it('names of services must match ^[a-zA-Z0-9._-]+$ (reported at the name)', () => {
    expect(check('services:\n  my web:\n    image: nginx\n').found).toEqual([err('COMPOSE_SCHEMA', 2, 3, `services."my web": invalid name; use only letters, digits, '.', '_' and '-'`)]);
  });
});

describe('wrong types', () => {
  it('deploy.md resources.limits.memory is a string ("1g"), not a number', () => {
    const text = 'services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          memory: 512\n';
    expect(check(text).found).toEqual([err('COMPOSE_SCHEMA', 7, 19, 'services.web.deploy.resources.limits.memory: expected a string, got a number')]);
  });

  it('05-services ports: an item of no accepted type lists every accepted type once', () => {
    expect(check('services:\n  web:\n    ports:\n      - "80:80"\n      - true\n').found).toEqual([
      err('COMPOSE_SCHEMA', 5, 9, 'services.web.ports[1]: expected a string or a number or a mapping, got a boolean'),
    ]);
  });

  it('list_or_dict: environment as a string', () => {
    expect(check('services:\n  web:\n    environment: FOO=bar\n').found).toEqual([err('COMPOSE_SCHEMA', 3, 18, 'services.web.environment: expected a mapping or a list, got a string')]);
  });

  it('list_or_dict: a nested mapping as an environment value names the scalar types', () => {
    expect(check('services:\n  web:\n    environment:\n      A: {b: 1}\n').found).toEqual([
      err('COMPOSE_SCHEMA', 4, 10, 'services.web.environment.A: expected a string or a number or a boolean or an empty value, got a mapping'),
    ]);
  });

  it('a service with nothing after its name is reported at the name', () => {
    expect(check('services:\n  web:\n').found).toEqual([err('COMPOSE_SCHEMA', 2, 3, 'services.web: expected a mapping, got an empty value')]);
  });

  it('cpu_percent (oneOf string | integer 0–100): an integer out of range reports the bound', () => {
    expect(check('services:\n  web:\n    cpu_percent: 150\n').found).toEqual([err('COMPOSE_SCHEMA', 3, 18, 'services.web.cpu_percent: must be at most 100, got 150')]);
  });
});

describe('enums', () => {
  it('05-services depends_on long syntax: a condition typo, with the closest condition', () => {
    const text = 'services:\n  web:\n    depends_on:\n      db:\n        condition: service_healty\n  db: {}\n';
    expect(check(text).found).toEqual([
      err('COMPOSE_SCHEMA', 5, 20, "services.web.depends_on.db.condition: must be one of: service_started, service_healthy, service_completed_successfully; got 'service_healty'; did you mean 'service_healthy'?"),
    ]);
  });

  it('05-services volumes long syntax: type must be bind, volume, tmpfs, cluster, npipe or image', () => {
    const text = 'services:\n  web:\n    volumes:\n      - type: directory\n        source: ./data\n        target: /data\n';
    expect(check(text).found).toEqual([err('COMPOSE_SCHEMA', 4, 15, "services.web.volumes[0].type: must be one of: bind, volume, tmpfs, cluster, npipe, image; got 'directory'")]);
  });

  it('05-services gpus: the only string accepted is all', () => {
    expect(check('services:\n  web:\n    gpus: every\n').found).toEqual([err('COMPOSE_SCHEMA', 3, 11, "services.web.gpus: must be one of: all; got 'every'")]);
  });

  it('the schema leaves deploy.mode and restart as free strings, so any value passes this check', () => {
    expect(check('services:\n  web:\n    restart: sometimes\n    deploy:\n      mode: everywhere\n').found).toEqual([]);
  });
});

describe('required keys', () => {
  it('05-services extends: "a mapping defined with a required `service`"', () => {
    expect(check('services:\n  web:\n    extends:\n      file: common.yaml\n').found).toEqual([err('COMPOSE_SCHEMA', 4, 7, "services.web.extends: missing required key 'service'")]);
  });

  it('05-services volumes long syntax without type', () => {
    expect(check('services:\n  web:\n    volumes:\n      - source: ./data\n        target: /data\n').found).toEqual([
      err('COMPOSE_SCHEMA', 4, 9, "services.web.volumes[0]: missing required key 'type'"),
    ]);
  });

  it('ulimits: the mapping form needs both soft and hard', () => {
    expect(check('services:\n  web:\n    ulimits:\n      nofile: {}\n').found).toEqual([err('COMPOSE_SCHEMA', 4, 15, "services.web.ulimits.nofile: missing required keys 'soft' and 'hard'")]);
  });

  it('the schema does not require source in the long syntax of secrets (05-services "secrets"); this check accepts it', () => {
    expect(check('services:\n  web:\n    secrets:\n      - target: /run/secrets/x\nsecrets:\n  x: {file: ./x}\n').found).toEqual([]);
  });
});

describe('other constraints', () => {
  it('uniqueItems: the repeated item is reported, at the repeat', () => {
    expect(check('services:\n  web:\n    ports:\n      - "80:80"\n      - "80:80"\n').found).toEqual([
      err('COMPOSE_SCHEMA', 5, 9, 'services.web.ports[1]: duplicate of item [0]; the items of this list must be unique'),
    ]);
  });

  it('pattern: container_name', () => {
    expect(check('services:\n  web:\n    container_name: "-"\n').found).toEqual([err('COMPOSE_SCHEMA', 3, 21, "services.web.container_name: '-' does not match the pattern [a-zA-Z0-9][a-zA-Z0-9_.-]+")]);
  });
});

describe('11-extension: x- keys', () => {
  it('are accepted at the top level and wherever the schema has patternProperties ^x-', () => {
    const text = [
      'x-custom:',
      '  foo: [bar, zot]',
      'services:',
      '  webapp:',
      '    image: example/webapp',
      '    x-foo: bar',
      '    build:',
      '      context: .',
      '      x-cache: true',
      '    logging:',
      '      driver: json-file',
      '      x-note: 1',
      '    ports:',
      '      - target: 80',
      '        x-aws-protocol: http',
      '    deploy:',
      '      placement:',
      '        x-aws-role: "arn:aws:iam::XXXXXXXXXXXX:role/foo"',
      '        x-aws-region: "eu-west-3"',
      'networks:',
      '  front:',
      '    x-ecs: {subnet: a}',
      '',
    ].join('\n');
    expect(check(text).found).toEqual([]);
  });

  it('are accepted in mappings whose published schema forgets ^x- ("within any structure … where user-defined keys are not expected")', () => {
    expect(check('services:\n  web:\n    blkio_config:\n      x-note: 1\n    extends:\n      service: base\n      x-note: 2\n  base: {}\n').found).toEqual([]);
  });
});

describe('04-version-and-name: version', () => {
  it('is a warning at the key, and the file stays valid', () => {
    const { valid, found, diagnostics } = check('version: "3.8"\nservices:\n  web:\n    image: nginx\n');
    expect(valid).toBe(true);
    expect(found).toEqual([{ code: 'COMPOSE_VERSION_OBSOLETE', severity: 'warning', line: 1, column: 1, message: '`version` is obsolete: Compose ignores it; remove it to avoid confusion' }]);
    expect(diagnostics[0]?.path).toBe('/version');
  });

  it('is "only informative", so an unquoted number (version: 3.8) is not a type error', () => {
    const { valid, found } = check('version: 3.8\nservices: {}\n');
    expect(valid).toBe(true);
    expect(found.map((d) => d.code)).toEqual(['COMPOSE_VERSION_OBSOLETE']);
  });
});

describe('the document as a whole', () => {
  it('an empty document (a lone ---, or a comment and ---) is an empty project', () => {
    for (const text of ['---\n', '# nothing yet\n---\n']) expect(check(text)).toEqual({ valid: true, found: [], diagnostics: [] });
  });

  it('a list at the top is not a compose file', () => {
    expect(check('- web\n- db\n').found).toEqual([
      err('YAML_NOT_MAPPING', 1, 1, 'a compose file must be a mapping of top-level keys (services, networks, volumes, …), got a list'),
    ]);
  });
});

describe('one mistake, one diagnostic', () => {
  const mistakes: [string, string][] = [
    ['unknown key', 'services:\n  web:\n    imagee: nginx\n'],
    ['oneOf, no type fits', 'services:\n  web:\n    ports: [true]\n'],
    ['oneOf, enum inside the mapping form', 'services:\n  web:\n    depends_on:\n      db: {condition: service_healty}\n  db: {}\n'],
    ['list_of_strings item', 'services:\n  web:\n    depends_on: [db, 3]\n  db: {}\n'],
    ['required key spelled wrong', 'services:\n  web:\n    devices:\n      - sorce: /dev/ttyUSB0\n'],
    ['anchored mistake used through two aliases', 'x-base: &base\n  imagee: nginx\nservices:\n  a: *base\n  b: *base\n'],
  ];
  for (const [name, text] of mistakes) {
    it(name, () => expect(check(text).diagnostics).toHaveLength(1));
  }

  it('reading only the parts ajv flagged gives the same messages as reading everything', () => {
    for (const [name, text] of mistakes) {
      if (name.includes('alias')) continue; // there the report keeps one of two identical findings
      const [doc] = parseYaml(new SourceFile('compose.yaml', text), new Reporter());
      const everything = new SchemaExplainer(schema).explain(doc);
      const reporter = new Reporter();
      checkSchema(doc, reporter);
      expect(reporter.diagnostics.map((d) => d.path)).toEqual(everything.map((p) => '/' + p.path.join('/')));
    }
  });
});

describe('a realistic file', () => {
  it('passes with zero diagnostics', () => {
    expect(check(REALISTIC)).toEqual({ valid: true, found: [], diagnostics: [] });
  });
});

const REALISTIC = `name: shop

x-logging: &default-logging
  driver: awslogs
  options:
    awslogs-group: /shop
    awslogs-region: eu-west-1
    awslogs-stream-prefix: app

x-env: &common-env
  LOG_LEVEL: info
  TZ: UTC

services:
  proxy:
    image: nginx:1.27-alpine
    ports:
      - "80:80"
      - "443:443/tcp"
      - target: 8443
        published: "8443"
        protocol: tcp
        mode: host
        app_protocol: https
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - type: bind
        source: ./certs
        target: /etc/nginx/certs
        read_only: true
        bind:
          create_host_path: true
    depends_on:
      api:
        condition: service_healthy
        restart: true
      web:
        condition: service_started
        required: false
    networks: [front, back]
    logging: *default-logging
    restart: unless-stopped

  web:
    build:
      context: ./web
      dockerfile: Dockerfile
      args:
        NODE_ENV: production
      target: runtime
      cache_from: [shop/web:cache]
      platforms: [linux/amd64, linux/arm64]
    image: shop/web:\${TAG:-latest}
    environment:
      <<: *common-env
      API_URL: http://api:8080
      FEATURE_FLAGS:
    env_file:
      - path: ./web.env
        required: false
      - ./common.env
    expose: ["3000"]
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 10s
    deploy:
      mode: replicated
      replicas: 2
      resources:
        limits:
          cpus: "0.5"
          memory: 512M
        reservations:
          memory: 256M
      update_config:
        parallelism: 1
        order: start-first
      restart_policy:
        condition: on-failure
        max_attempts: 3
    networks:
      front:
        aliases: [www]
    profiles: [frontend]
    develop:
      watch:
        - path: ./web/src
          action: sync
          target: /app/src
          ignore: [node_modules/]
        - path: ./web/package.json
          action: rebuild

  api:
    image: shop/api:1.4.2
    command: ["./api", "--port", "8080"]
    entrypoint: /docker-entrypoint.sh
    environment:
      - DATABASE_URL=postgres://shop@db:5432/shop
      - REDIS_URL=redis://cache:6379
    secrets:
      - db_password
      - source: api_key
        target: /run/secrets/api_key
        uid: "1000"
        gid: "1000"
        mode: 0400
    configs:
      - source: api_config
        target: /etc/api/config.yaml
    healthcheck:
      test: curl -fsS http://localhost:8080/health || exit 1
      interval: 15s
    ulimits:
      nproc: 65535
      nofile:
        soft: 20000
        hard: 40000
    cap_drop: [ALL]
    cap_add: [NET_BIND_SERVICE]
    read_only: true
    tmpfs: /tmp
    user: "1000:1000"
    stop_grace_period: 1m30s
    labels:
      com.example.team: payments
      com.example.tier: "2"
    extra_hosts:
      - "metadata:169.254.169.254"
    depends_on:
      - db
      - cache
    networks:
      back:
        ipv4_address: 172.28.0.10
    logging: *default-logging
    x-aws-role: arn:aws:iam::123456789012:role/api

  worker:
    extends:
      service: api
    command: ["./worker"]
    scale: 2
    init: true
    pull_policy: always

  migrate:
    extends: api
    command: ./migrate up
    restart: "no"
    depends_on:
      db:
        condition: service_healthy
    profiles: [tools]

  db:
    image: postgres:16
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_password]
    volumes:
      - db-data:/var/lib/postgresql/data
      - type: tmpfs
        target: /dev/shm
        tmpfs:
          size: 268435456
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop"]
      interval: 5s
      retries: 10
    shm_size: 256m
    networks: [back]

  cache:
    image: redis:7
    command: redis-server --save ""
    sysctls:
      net.core.somaxconn: 1024
    mem_limit: 1g
    cpus: 0.25
    networks: [back]

networks:
  front: {}
  back:
    driver: bridge
    ipam:
      config:
        - subnet: 172.28.0.0/16
          gateway: 172.28.0.1
  shared:
    external: true
    name: shared-net

volumes:
  db-data:
    driver: local
    labels:
      backup: daily
  legacy:
    external: true

secrets:
  db_password:
    file: ./secrets/db_password.txt
  api_key:
    environment: API_KEY

configs:
  api_config:
    file: ./api/config.yaml
  motd:
    content: |
      Welcome to \${COMPOSE_PROJECT_NAME}
`;
