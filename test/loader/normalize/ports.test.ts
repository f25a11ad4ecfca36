import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeExpose, normalizePort, type ServicePort } from '../../../src/loader/normalize/ports.js';
import { Reporter } from '../../../src/diagnostics/report.js';
import { SourceFile, locate } from '../../../src/core/source.js';
import { parseYaml } from '../../../src/loader/yaml-source.js';
import { load } from './helpers.js';

const PATH = ['services', 'web', 'ports', 0] as const;

function port(entry: unknown) {
  const reporter = new Reporter();
  const ports = normalizePort(entry, reporter, undefined, PATH);
  return { ports, diagnostics: reporter.diagnostics };
}

const p = (target: number, extra: Partial<ServicePort> = {}): ServicePort => ({ mode: 'ingress', target, protocol: 'tcp', ...extra });
const range = (from: number, to: number, extra: (n: number) => Partial<ServicePort> = () => ({})) =>
  Array.from({ length: to - from + 1 }, (_, i) => p(from + i, extra(i)));

describe('05-services ports: short syntax [HOST:]CONTAINER[/PROTOCOL], the spec examples', () => {
  it.each<[string, ServicePort[]]>([
    ['3000', [p(3000)]],
    ['3000-3005', range(3000, 3005)],
    ['8000:8000', [p(8000, { published: '8000' })]],
    ['9090-9091:8080-8081', [p(8080, { published: '9090' }), p(8081, { published: '9091' })]],
    ['49100:22', [p(22, { published: '49100' })]],
    ['8000-9000:80', [p(80, { published: '8000-9000' })]],
    ['127.0.0.1:8001:8001', [p(8001, { host_ip: '127.0.0.1', published: '8001' })]],
    ['127.0.0.1:5000-5010:5000-5010', range(5000, 5010, (i) => ({ host_ip: '127.0.0.1', published: String(5000 + i) }))],
    ['::1:6000:6000', [p(6000, { host_ip: '::1', published: '6000' })]],
    ['[::1]:6001:6001', [p(6001, { host_ip: '::1', published: '6001' })]],
    ['6060:6060/udp', [p(6060, { published: '6060', protocol: 'udp' })]],
  ])('%s', (text, expected) => {
    const { ports, diagnostics } = port(text);
    expect(diagnostics).toEqual([]);
    expect(ports).toEqual(expected);
  });
});

describe('05-services ports: short syntax, cases the spec leaves to docker (nat.ParsePortSpec)', () => {
  it.each<[unknown, ServicePort[]]>([
    [3000, [p(3000)]], // a YAML number is the container port
    ['9090-9091/udp', range(9090, 9091, () => ({ protocol: 'udp' }))],
    ['5000:5000/sctp', [p(5000, { published: '5000', protocol: 'sctp' })]],
    ['80/TCP', [p(80)]], // the protocol is lowercased
    ['80/', [p(80)]], // an empty protocol is tcp
    ['127.0.0.1::80', [p(80, { host_ip: '127.0.0.1' })]], // any host port on that address
    ['[::1]::80', [p(80, { host_ip: '::1' })]],
    [':80', [p(80)]],
    ['[2001:db8::1]:8080:80', [p(80, { host_ip: '2001:db8::1', published: '8080' })]],
    ['2001:db8::1:8080:80', [p(80, { host_ip: '2001:db8::1', published: '8080' })]],
    ['::ffff:10.0.0.1:80:80', [p(80, { host_ip: '::ffff:10.0.0.1', published: '80' })]],
    ['0.0.0.0:80:80', [p(80, { host_ip: '0.0.0.0', published: '80' })]],
    ['8080-8080:80-80', [p(80, { published: '8080' })]],
    ['08080:080', [p(80, { published: '8080' })]],
  ])('%j', (entry, expected) => {
    const { ports, diagnostics } = port(entry);
    expect(diagnostics).toEqual([]);
    expect(ports).toEqual(expected);
  });

  it('ranges expand in ascending port order', () => {
    expect(port('9998-10001:9998-10001').ports.map((x) => x.target)).toEqual([9998, 9999, 10000, 10001]);
  });
});

describe('05-services ports: invalid short syntax is reported, never thrown', () => {
  it.each([
    ['80:3000-3005', /differ in length/], // HOST and CONTAINER must use equivalent ranges
    ['9090-9092:8080-8081', /differ in length/],
    ['0', /'0' is not a number from 1 to 65535/],
    ['0:80', /host port '0'/],
    ['65536', /container port '65536'/],
    ['70000:80', /host port '70000'/],
    ['8000-7000:80', /ends before it starts/],
    ['80/icmp', /unknown protocol 'icmp'/],
    ['127.0.1:8080:80', /invalid IP address '127.0.1'/], // compose-go's own test case
    ['[::1:80:80', /invalid IP address/],
    ['1:2:3:4:80:80', /invalid IP address '1:2:3:4'/],
    ['010.0.0.1:80:80', /invalid IP address/], // Go rejects IPv4 fields with leading zeros
    ['', /no container port/],
    ['80:', /no container port/],
    ['abc', /'abc' is not a number/],
    ['${PORT}:80', /invalid IP address|is not a number/],
    ['+80', /'\+80' is not a number/],
  ])('%j', (text, message) => {
    const { ports, diagnostics } = port(text);
    expect(ports).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'COMPOSE_INVALID_VALUE', severity: 'error', path: '/services/web/ports/0' });
    expect(diagnostics[0]?.message).toMatch(message);
    expect(diagnostics[0]?.message).toMatch(/^services\.web\.ports\[0\]: /);
  });

  it.each([0, 65536, 1.5, -80, NaN, true, null, ['80'], undefined])('the entry %j', (entry) => {
    const { ports, diagnostics } = port(entry);
    expect(ports).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['COMPOSE_INVALID_VALUE']);
  });
});

describe('05-services ports: long syntax', () => {
  it('the spec example: web', () => {
    const entry = { name: 'web', target: 80, host_ip: '127.0.0.1', published: '8080', protocol: 'tcp', app_protocol: 'http', mode: 'host' };
    expect(port(entry)).toEqual({ ports: [{ name: 'web', mode: 'host', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'tcp', app_protocol: 'http' }], diagnostics: [] });
  });

  it('the spec example: web-secured, published as a range', () => {
    const entry = { name: 'web-secured', target: 443, host_ip: '127.0.0.1', published: '8083-9000', protocol: 'tcp', app_protocol: 'https', mode: 'host' };
    expect(port(entry).ports).toEqual([{ name: 'web-secured', mode: 'host', host_ip: '127.0.0.1', target: 443, published: '8083-9000', protocol: 'tcp', app_protocol: 'https' }]);
  });

  it.each<[Record<string, unknown>, ServicePort]>([
    [{ target: 80 }, p(80)], // protocol tcp and mode ingress by default
    [{ target: 80, published: 8080 }, p(80, { published: '8080' })], // a number becomes a string
    [{ target: '80', published: '8080' }, p(80, { published: '8080' })],
    [{ target: 80, published: '' }, p(80)],
    [{ target: 53, protocol: 'UDP' }, p(53, { protocol: 'udp' })],
    [{ target: 80, host_ip: '::1' }, p(80, { host_ip: '::1' })],
    [{ target: 80, 'x-lb': { idle: 60 } }, { ...p(80), 'x-lb': { idle: 60 } }],
  ])('%j', (entry, expected) => {
    const { ports, diagnostics } = port(entry);
    expect(diagnostics).toEqual([]);
    expect(ports).toEqual([expected]);
  });

  it('keys come out in the order docker compose prints them', () => {
    const { ports } = port({ app_protocol: 'http', protocol: 'tcp', published: 1, target: 2, host_ip: '::', mode: 'host', name: 'n' });
    expect(Object.keys(ports[0]!)).toEqual(['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol']);
  });

  it.each([
    [{}, '/services/web/ports/0/target', /required/],
    [{ target: 0 }, '/services/web/ports/0/target', /1 to 65535/],
    [{ target: 70000 }, '/services/web/ports/0/target', /1 to 65535/],
    [{ target: '80-81' }, '/services/web/ports/0/target', /1 to 65535/],
    [{ target: 80, published: 'abc' }, '/services/web/ports/0/published', /'abc'/],
    [{ target: 80, published: 0 }, '/services/web/ports/0/published', /'0'/],
    [{ target: 80, published: true }, '/services/web/ports/0/published', /port or a range/],
    [{ target: 80, host_ip: 'localhost' }, '/services/web/ports/0/host_ip', /invalid IP address/],
    [{ target: 80, protocol: 'icmp' }, '/services/web/ports/0/protocol', /unknown protocol/],
    [{ target: 80, name: 7 }, '/services/web/ports/0/name', /must be a string/],
  ])('%j is an error at %s', (entry, pointer, message) => {
    const { ports, diagnostics } = port(entry);
    expect(ports).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'COMPOSE_INVALID_VALUE', severity: 'error', path: pointer });
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it('an unknown key is COMPOSE_UNKNOWN_KEY', () => {
    const { ports, diagnostics } = port({ target: 80, hostport: 8080 });
    expect(ports).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_UNKNOWN_KEY', path: '/services/web/ports/0/hostport' }]);
  });

  it('an unknown mode is kept with a warning', () => {
    const { ports, diagnostics } = port({ target: 80, mode: 'global' });
    expect(ports).toEqual([p(80, { mode: 'global' })]);
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', severity: 'warning', path: '/services/web/ports/0/mode' }]);
  });

  it('a problem points at the line of the offending field', () => {
    const file = new SourceFile('compose.yaml', 'services:\n  web:\n    ports:\n      - target: 80\n        protocol: icmp\n');
    const reporter = new Reporter();
    const doc = parseYaml(file, reporter)[0] as any;
    const entry = doc.services.web.ports[0];
    normalizePort(entry, reporter, locate(doc, PATH), PATH);
    expect(reporter.diagnostics).toMatchObject([{ file: 'compose.yaml', line: 5, column: 19, path: '/services/web/ports/0/protocol' }]);
  });
});

describe('05-services expose: <portnum>[/<proto>] or <startport-endport>[/<proto>]', () => {
  function expose(entry: unknown) {
    const reporter = new Reporter();
    return { values: normalizeExpose(entry, reporter, undefined, ['services', 'web', 'expose', 1]), diagnostics: reporter.diagnostics };
  }

  it.each<[unknown, string]>([
    ['3000', '3000'], // the spec example
    ['8000', '8000'],
    ['8080-8085/tcp', '8080-8085/tcp'],
    [3000, '3000'], // a number prints as its digits
    ['3000/udp', '3000/udp'],
    ['5000/SCTP', '5000/SCTP'], // docker compose config prints the entry as written
  ])('%j → %s', (entry, text) => {
    expect(expose(entry)).toEqual({ values: [text], diagnostics: [] });
  });

  it.each(['0', 0, 70000, '3000/icmp', '8085-8080', 'abc', '', {}, null, 1.5])('%j is reported', (entry) => {
    const { values, diagnostics } = expose(entry);
    expect(values).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'COMPOSE_INVALID_VALUE', severity: 'error', path: '/services/web/expose/1' }]);
  });
});

// The schema's uniqueItems sees the values as written; docker compose removes what is one
// port once written long (compose-go EnforceUnicity after Canonical), the later in the earlier's place.
describe('05-services ports and expose: one port written twice in different spellings is kept once', () => {
  it('expose: "80" and 80', () => {
    const { project, diagnostics } = load('services:\n  web:\n    image: nginx\n    expose: ["80", 80, "81", "80/udp"]\n', { schema: true });
    expect(diagnostics).toEqual([]);
    expect(project.services.web?.expose).toEqual(['80', '81', '80/udp']);
  });

  it('ports: "8080:80" and its long form; the later entry wins, in the earlier one\'s place', () => {
    const { project, diagnostics } = load('services:\n  web:\n    image: nginx\n    ports: ["8080:80", "9090:90", { target: 80, published: "8080", mode: host }, "80", "127.0.0.1:8080:80"]\n', { schema: true });
    expect(diagnostics).toEqual([]);
    expect(project.services.web?.ports).toEqual([p(80, { mode: 'host', published: '8080' }), p(90, { published: '9090' }), p(80), p(80, { host_ip: '127.0.0.1', published: '8080' })]);
  });
});

describe('properties', () => {
  it('normalizePort and normalizeExpose never throw, and report whenever they return nothing', () => {
    const portLike = fc.stringMatching(/^(\[?[0-9a-f:.]*\]?:)?[0-9-]{0,12}(:[0-9-]{0,12})?(\/[a-zA-Z]{0,5})?$/);
    fc.assert(
      fc.property(fc.oneof(portLike, fc.string(), fc.anything(), fc.dictionary(fc.constantFrom('target', 'published', 'protocol', 'host_ip', 'mode', 'x-a', 'bad'), fc.anything())), (entry) => {
        const reporter = new Reporter();
        const ports = normalizePort(entry, reporter, undefined, PATH);
        const exposed = normalizeExpose(entry, reporter, undefined, PATH);
        if (ports.length === 0 && exposed.length === 0) return reporter.hasErrors;
        return ports.every((x) => Number.isInteger(x.target) && x.target >= 1 && x.target <= 65535);
      }),
    );
  });

  it('a published range of the same length as the container range maps port by port', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60000 }), fc.integer({ min: 1, max: 60000 }), fc.integer({ min: 0, max: 20 }), (host, container, extra) => {
        const { ports } = port(`${host}-${host + extra}:${container}-${container + extra}`);
        return ports.length === extra + 1 && ports.every((x, i) => x.target === container + i && x.published === String(host + i));
      }),
    );
  });
});
