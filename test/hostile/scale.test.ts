/**
 * Size: thousands of env files, 10,000 services end to end, the services limit. The
 * 100,000-service file runs under `npm run test:fuzz` (scale-100k.fuzz.test.ts): it takes about
 * 90 s, too long for `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, errorCodes, expectCoded, runHostile } from './harness.js';
import { defaultLimits } from '../../src/loader/options.js';

const COMPOSE = `${PROJECT}/compose.yaml`;

describe('a file over maxServices', () => {
  it('limits-SERVICE_LIMIT: 1,001 services under maxServices 1,000 are refused with one coded error, before interpolation and the schema check', async () => {
    let text = 'services:\n';
    for (let i = 0; i <= 1_000; i++) text += `  s${i}:\n    image: nginx:${i % 10}\n    environment: [N=${i}]\n`;
    const { load, convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true, options: { limits: { maxServices: 1_000 } } });
    expect(errorCodes(load.diagnostics)).toEqual(['SERVICE_LIMIT']);
    expect(load.diagnostics.find((d) => d.code === 'SERVICE_LIMIT')?.message).toContain('1001 services, over the limit of 1000');
    expect(load.project?.services ?? {}).toEqual({});
    expect(convert?.outputs).toEqual([]);
  });
});

describe('many files and many services', () => {
  it('3,000 env files on one service', async () => {
    const files: Record<string, string> = {};
    let text = 'services:\n  web:\n    image: nginx\n    env_file:\n';
    for (let i = 0; i < 3_000; i++) {
      files[`${PROJECT}/env/${i}.env`] = `V${i}=${i}\nSHARED=${i}\n`;
      text += `      - env/${i}.env\n`;
    }
    files[COMPOSE] = text;
    const { load, convert } = await runHostile({ files, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    const env = load.project?.services.web?.environment ?? {};
    expect(Object.keys(env)).toHaveLength(3_001);
    expect(env.SHARED).toBe('2999'); // later files win
    expect(convert?.outputs.length).toBeGreaterThan(0);
  });

  it('3,000 services sharing one env file, and 3,000 services with one env file each', async () => {
    const files: Record<string, string> = { [`${PROJECT}/shared.env`]: 'A=1\n' };
    let text = 'services:\n';
    for (let i = 0; i < 3_000; i++) {
      files[`${PROJECT}/own/${i}.env`] = `OWN=${i}\n`;
      text += `  s${i}:\n    image: nginx\n    env_file: [shared.env, own/${i}.env]\n`;
    }
    files[COMPOSE] = text;
    const { load } = await runHostile({ files, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(load.project?.services.s2999?.environment).toEqual({ A: '1', OWN: '2999' });
  });

  it('3,000 missing env files: one ENV_FILE_NOT_FOUND each, at its entry', async () => {
    let text = 'services:\n  web:\n    image: nginx\n    env_file:\n';
    for (let i = 0; i < 3_000; i++) text += `      - missing/${i}.env\n`;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const missing = load.diagnostics.filter((d) => d.code === 'ENV_FILE_NOT_FOUND');
    expect(missing).toHaveLength(3_000);
    expect(missing.every((d, i) => d.line === 5 + i)).toBe(true);
  });

  it('10,000 services load and convert end to end', async () => {
    let text = 'services:\n';
    for (let i = 0; i < 10_000; i++) text += `  s${i}:\n    image: nginx\n`;
    const { load, convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(convert?.outputs).toHaveLength(20_000);
  });

  it('a 5,000-service depends_on cycle is one DEPENDENCY_CYCLE, not a stack overflow', async () => {
    let text = 'services:\n';
    for (let i = 0; i < 5_000; i++) text += `  s${i}: {image: nginx, depends_on: [s${(i + 1) % 5_000}]}\n`;
    const { convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true, options: { layout: 'project' } });
    expect(convert?.diagnostics.map((d) => d.code)).toContain('DEPENDENCY_CYCLE');
  });

  // Regression: every port range was expanded into one model entry per port, with no limit:
  // 80 entries of "1-65535" (2 KB) loaded 2.6 million ports in 75 s and 2.4 GB.
  it('port ranges that would expand past 65,536 ports in one service are refused with a coded diagnostic', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "1-65535/tcp"\n      - "1-65535/udp"\n      - "1-65535/sctp"\n      - "127.0.0.1::1-65535"\n';
    const { load, convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const ports = load.project?.services.web?.ports?.length ?? 0;
    expect(ports <= 65_536 || errorCodes(load.diagnostics).length > 0, `${ports} ports and no error`).toBe(true);
    expect(ports).toBeLessThanOrEqual(65_536);
    // The first range fits; each later one is refused at its own entry.
    expect(errorCodes(load.diagnostics)).toEqual(['PORT_RANGE_TOO_LARGE', 'PORT_RANGE_TOO_LARGE', 'PORT_RANGE_TOO_LARGE']);
    expect(load.diagnostics.map((d) => d.line)).toEqual([6, 7, 8]);
    expect(convert?.outputs).toEqual([]);
  });

  it('80 ranges to 65535 in one service, and "1-65535" in each of 80 services: refused past the caps, within the hang guard', async () => {
    // Distinct entries (the schema wants unique items): "1-65535", "2-65535", …
    const one = `services:\n  web:\n    image: nginx\n    ports:\n${Array.from({ length: 80 }, (_, i) => `      - "${i + 1}-65535"\n`).join('')}`;
    const a = await runHostile({ files: { [COMPOSE]: one }, convert: true });
    expect(a.load.project?.services.web?.ports).toHaveLength(65_535);
    expect(errorCodes(a.load.diagnostics)).toEqual(Array(79).fill('PORT_RANGE_TOO_LARGE'));

    let many = 'services:\n';
    for (let i = 0; i < 80; i++) many += `  s${i}: {image: nginx, ports: ["1-65535"]}\n`;
    const b = await runHostile({ files: { [COMPOSE]: many }, convert: true });
    const total = Object.values(b.load.project?.services ?? {}).reduce((n, s) => n + (s.ports?.length ?? 0), 0);
    expect(total).toBe(2 * 65_535); // MAX_PROJECT_RANGE_PORTS: two full ranges
    expect(errorCodes(b.load.diagnostics)).toEqual(Array(78).fill('PORT_RANGE_TOO_LARGE'));
  });

  it('one full range per service loads and converts to a containerPortRange, with no error', async () => {
    const text = 'services:\n  media:\n    image: example/media:1\n    mem_limit: 256m\n    ports: ["1-65535/udp"]\n';
    const { convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true, options: { launchType: 'FARGATE' } });
    expect(errorCodes(convert?.diagnostics ?? [])).toEqual([]);
    const td = JSON.parse(convert?.outputs.find((o) => o.path.endsWith('.task-definition.json'))?.contents ?? '{}');
    expect(td.containerDefinitions[0].portMappings).toEqual([{ containerPortRange: '1-65535', protocol: 'udp' }]);
  });
});

describe('maxServices', () => {
  const services = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `  s${i + from}:\n    image: nginx\n`).join('');

  it('one service over the limit: SERVICE_LIMIT at the first service over, and no project', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: `services:\n${services(4)}` }, options: { limits: { maxServices: 3 } }, convert: true });
    const d = expectCoded(load.diagnostics, 'SERVICE_LIMIT', { line: 8 });
    expect(d.message).toContain('4 services, over the limit of 3');
    expect(d.path).toBe('/services/s3');
    expect(load.project).toBeUndefined();
    expect(convert?.outputs).toEqual([]);
  });

  it('at the limit: loads', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: `services:\n${services(3)}` }, options: { limits: { maxServices: 3 } } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
  });

  it('counts every -f file and include together', async () => {
    const files = {
      [COMPOSE]: `include: [lib.yaml]\nservices:\n${services(2)}`,
      [`${PROJECT}/lib.yaml`]: `services:\n${services(2, 2)}`,
    };
    const { load } = await runHostile({ files, options: { limits: { maxServices: 3 } } });
    expect(errorCodes(load.diagnostics)).toEqual(['SERVICE_LIMIT']);
  });

  it('the default is 10,000', () => {
    expect(defaultLimits.maxServices).toBe(10_000);
  });
});
