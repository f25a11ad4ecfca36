/** 05-services expose: "Expose ports without publishing them to the host machine … (`"3000"`, `"8000-8010"`, `"53/udp"`)". */
import { describe, expect, it } from 'vitest';
import { exposeRange, exposedTcpPort } from '../../src/core/expose.js';

describe('05-services expose: one entry read as a port range, once for every target', () => {
  it('a port, a range, a protocol', () => {
    expect(exposeRange('3000')).toEqual({ from: 3000, to: 3000, protocol: 'tcp' });
    expect(exposeRange('8000-8010')).toEqual({ from: 8000, to: 8010, protocol: 'tcp' });
    expect(exposeRange('53/udp')).toEqual({ from: 53, to: 53, protocol: 'udp' });
  });
  it('text that is no port (the loader reports it) is undefined', () => {
    for (const bad of ['', 'abc', '3000-', '-3000', '+3000', '30.5']) expect(exposeRange(bad), bad).toBeUndefined();
  });
  it('Service Connect advertises one tcp port: not a range, not udp', () => {
    expect(exposedTcpPort('5432')).toBe(5432);
    expect(exposedTcpPort('5432/tcp')).toBe(5432);
    expect(exposedTcpPort('8000-8002')).toBeUndefined();
    expect(exposedTcpPort('53/udp')).toBeUndefined();
  });
});
