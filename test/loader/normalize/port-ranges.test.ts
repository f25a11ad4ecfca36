/**
 * 05-services § ports, "Ports can be either a single value or a range": a range is one model
 * entry per port, as docker compose config prints it, so what ranges may add is capped —
 * per service no more ports than there are port numbers (65,536), per project twice that — and
 * a range past a cap is refused with PORT_RANGE_TOO_LARGE before any entry of it is made.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PROJECT_RANGE_PORTS, MAX_SERVICE_PORTS, PortBudget, normalizePort } from '../../../src/loader/normalize/ports.js';
import { Reporter } from '../../../src/diagnostics/report.js';
import { loadProject } from '../../../src/loader/load-project.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

const at = (service: string, i = 0) => ['services', service, 'ports', i] as const;

describe('05-services ports: ranges are capped (PortBudget)', () => {
  it('the caps', () => {
    expect(MAX_SERVICE_PORTS).toBe(65_536);
    expect(MAX_PROJECT_RANGE_PORTS).toBe(131_072);
  });

  it('a full range fits a service; a second one does not, and is refused whole, with a coded error at its entry', () => {
    const budget = new PortBudget();
    const reporter = new Reporter();
    expect(normalizePort('1-65535', reporter, undefined, at('web', 0), budget)).toHaveLength(65_535);
    expect(normalizePort('1-65535/udp', reporter, undefined, at('web', 1), budget)).toEqual([]);
    expect(reporter.diagnostics).toMatchObject([{ code: 'PORT_RANGE_TOO_LARGE', severity: 'error', path: '/services/web/ports/1' }]);
    expect(reporter.diagnostics[0]?.message).toMatch(/^services\.web\.ports\[1\]: '1-65535\/udp': .*at most 65,536/);
  });

  it('single ports are never refused (they are as many as the entries written), and count towards the service', () => {
    const budget = new PortBudget();
    const reporter = new Reporter();
    for (let i = 0; i < 10; i++) expect(normalizePort(8000 + i, reporter, undefined, at('web', i), budget)).toHaveLength(1);
    expect(normalizePort({ target: 9000 }, reporter, undefined, at('web', 10), budget)).toHaveLength(1);
    expect(normalizePort('1-65525', reporter, undefined, at('web', 11), budget)).toHaveLength(65_525); // 65,536 in all
    expect(normalizePort('2-3', reporter, undefined, at('web', 12), budget)).toEqual([]);
    expect(reporter.diagnostics.map((d) => d.code)).toEqual(['PORT_RANGE_TOO_LARGE']);
  });

  it('per project: ranges add at most 131,072 ports beyond their first, whichever services they are in', () => {
    const budget = new PortBudget();
    const reporter = new Reporter();
    expect(normalizePort('1-65535', reporter, undefined, at('a'), budget)).toHaveLength(65_535);
    expect(normalizePort('1-65535', reporter, undefined, at('b'), budget)).toHaveLength(65_535);
    expect(normalizePort('1-5', reporter, undefined, at('c'), budget)).toHaveLength(5);
    expect(normalizePort('1-3', reporter, undefined, at('d'), budget)).toEqual([]);
    expect(reporter.diagnostics).toMatchObject([{ code: 'PORT_RANGE_TOO_LARGE', path: '/services/d/ports/0' }]);
    expect(normalizePort('80', reporter, undefined, at('d', 1), budget)).toHaveLength(1);
  });

  it('without a budget (a caller of its own) there is no cap', () => {
    const reporter = new Reporter();
    expect(normalizePort('1-65535', reporter, undefined, at('web'), undefined)).toHaveLength(65_535);
    expect(normalizePort('1-65535', reporter, undefined, at('web', 1), undefined)).toHaveLength(65_535);
    expect(reporter.diagnostics).toEqual([]);
  });
});

describe('05-services ports: the cap in a load (one budget per loadProject)', () => {
  it('refuses at the entry, keeps the rest of the project, and starts afresh on the next load', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "1-65535"\n      - "80:80/udp"\n      - "1-10/udp"\n';
    const load = () => loadProject({ host: memoryHost({ '/p/compose.yaml': text }, '/p'), env: {} });
    for (let i = 0; i < 2; i++) {
      const { project, diagnostics } = await load();
      expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['PORT_RANGE_TOO_LARGE', 7, 9]]);
      expect(project?.services.web?.ports).toHaveLength(65_536);
    }
  });
});
