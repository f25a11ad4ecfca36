/**
 * The HTTP endpoint a compose healthcheck probes, when it is one: `curl` or `wget` of
 * `http(s)://localhost[:PORT][/PATH]` (also 127.0.0.1, 0.0.0.0, [::1]), in the CMD or
 * CMD-SHELL form. A load balancer can check the same endpoint from outside the container.
 * Anything else (a script, `pg_isready`, a remote host) is not an HTTP probe of the container.
 */
export interface HttpProbe {
  protocol: 'HTTP' | 'HTTPS';
  /** The port the probe calls: written in the URL, else 80 / 443. */
  port: number;
  /** The path, query included, `/` when none is written. */
  path: string;
}

const URL_PATTERN = /\b(https?):\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d{1,5}))?(\/[^\s'"|;&<>`$\\#]*)?/i;
const CLIENT = /(^|[\s/;&|(])(curl|wget)(\s|$)/;

/**
 * @example
 * httpProbe(['CMD', 'curl', '-f', 'http://localhost:8000/health']); // { protocol: 'HTTP', port: 8000, path: '/health' }
 * httpProbe(['CMD-SHELL', 'pg_isready -U postgres']); // undefined
 */
export function httpProbe(test: readonly string[] | undefined): HttpProbe | undefined {
  if (!test || test.length < 2) return undefined;
  const [form, ...rest] = test;
  if (form !== 'CMD' && form !== 'CMD-SHELL') return undefined;
  const command = rest.join(' ');
  if (!CLIENT.test(command)) return undefined;
  const m = URL_PATTERN.exec(command);
  if (!m) return undefined;
  const protocol = m[1]?.toLowerCase() === 'https' ? 'HTTPS' : 'HTTP';
  const port = m[2] === undefined ? (protocol === 'HTTPS' ? 443 : 80) : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { protocol, port, path: m[3] || '/' };
}
