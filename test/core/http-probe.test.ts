/**
 * 05-services healthcheck: `test` is CMD (exec) or CMD-SHELL (shell) — which of them probe the
 * container over HTTP, so that a load balancer can check the same endpoint (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { httpProbe } from '../../src/core/http-probe.js';

describe('05-services healthcheck test: an HTTP probe of the container', () => {
  it.each([
    [['CMD', 'curl', '-f', 'http://localhost:8000/health'], { protocol: 'HTTP', port: 8000, path: '/health' }],
    [['CMD', 'curl', '-f', 'http://localhost/'], { protocol: 'HTTP', port: 80, path: '/' }],
    [['CMD', 'curl', '-fk', 'https://localhost'], { protocol: 'HTTPS', port: 443, path: '/' }],
    [['CMD-SHELL', 'curl -fsS http://127.0.0.1:3000/api/health?deep=1 || exit 1'], { protocol: 'HTTP', port: 3000, path: '/api/health?deep=1' }],
    [['CMD-SHELL', 'wget -qO- http://0.0.0.0:9000/ready >/dev/null'], { protocol: 'HTTP', port: 9000, path: '/ready' }],
    [['CMD', '/usr/bin/wget', '--spider', 'http://[::1]:81/x'], { protocol: 'HTTP', port: 81, path: '/x' }],
  ])('%j → %j', (test, probe) => expect(httpProbe(test)).toEqual(probe));

  it.each([
    [undefined],
    [['NONE']],
    [['CMD-SHELL', 'pg_isready -U postgres']],
    [['CMD', 'curl', '-f', 'http://db:5432/']], // another host: not the container itself
    [['CMD', 'node', 'check.js', 'http://localhost:3000/']], // no HTTP client: a script of its own
    [['CMD', 'curl', 'http://localhost:99999/']], // not a port
    [['CMD-SHELL', 'redis-cli ping']],
  ])('%j: not an HTTP probe', (test) => expect(httpProbe(test)).toBeUndefined());
});
