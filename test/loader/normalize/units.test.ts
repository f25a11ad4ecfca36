import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseBytes, parseDuration } from '../../../src/core/units.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('11-extension: Specifying byte values', () => {
  it.each([
    ['2b', 2],
    ['1024kb', 1024 * KiB],
    ['2048k', 2048 * KiB],
    ['300m', 300 * MiB],
    ['1gb', GiB],
  ])('the spec example %s is %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it.each([
    ['1GB', GiB], // units are case-insensitive
    ['512M', 512 * MiB],
    ['1.5g', 1.5 * GiB],
    ['0.5k', 512],
    ['1.5b', 1], // rounded down
    ['1t', 1024 ** 4], // go-units also knows t and p
    ['1KiB', KiB],
    ['64 m', 64 * MiB], // go-units allows one space before the unit
    ['655360', 655360],
    ['-1', -1], // memswap_limit: -1 means unlimited
    ['+5', 5],
    ['0', 0],
  ])('docker compose reads %s as %d', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it.each([
    [655360, 655360],
    [-1, -1],
    [0, 0],
    [1.9, 1], // a YAML float is read as text and truncated
  ])('the number %d is %d bytes', (n, bytes) => {
    expect(parseBytes(n)).toBe(bytes);
  });

  it.each(['', 'invalid', '1.2.3m', '1x', '-1m', ' 1m', '1m ', 'm', '1mm', '9p', '1e3'])('%j is not a byte value', (text) => {
    expect(parseBytes(text)).toBeUndefined();
  });

  it.each([NaN, Infinity, -1.5, 2 ** 60])('the number %d is not a byte value', (n) => {
    expect(parseBytes(n)).toBeUndefined();
  });

  it('property: `${n}m` is n MiB', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 }), (n) => parseBytes(`${n}m`) === n * MiB));
  });

  it('property: never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.anything()), (v) => {
        const r = parseBytes(v as string);
        return r === undefined || Number.isSafeInteger(r);
      }),
    );
  });
});

describe('11-extension: Specifying durations', () => {
  it.each([
    ['10ms', 0.01],
    ['40s', 40],
    ['1m30s', 90],
    ['1h5m30s20ms', 3930.02],
  ])('the spec example %s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    ['1.5s', 1.5],
    ['.5s', 0.5],
    ['5.s', 5],
    ['1us', 1e-6],
    ['1µs', 1e-6], // micro sign
    ['1μs', 1e-6], // Greek mu
    ['250ns', 2.5e-7],
    ['1.5h', 5400],
    ['1d', 86400], // compose-go (str2duration) adds d and w
    ['1w', 604800],
    ['-1m', -60],
    ['+1s', 1],
    ['0', 0],
    ['-0', 0],
    ['2562047h', 2562047 * 3600],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('a number is invalid unless it is 0, as in Go (the unit is missing)', () => {
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(10)).toBeUndefined();
    expect(parseDuration(1.5)).toBeUndefined();
  });

  it.each(['', '10', '1.5', 's', '.s', '-', '1x', '1S', '1m 30s', ' 1s', '1s ', '2562048h', '99999999999999999999s', '1..5s'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [90, '1m30s'],
    [0.01, '10ms'],
    [0, '0s'],
    [40, '40s'],
    [3600, '1h0m0s'],
    [3930.02, '1h5m30.02s'],
    [61.5, '1m1.5s'],
    [1.5, '1.5s'],
    [0.0005, '500µs'],
    [0.0015, '1.5ms'],
    [-90, '-1m30s'],
    [1e-7, '0s'], // below the microsecond
    [NaN, '0s'],
  ])('formatDuration(%d) is %s, as Go prints it', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('formatDuration stays within the range Go (and parseDuration) can hold', () => {
    expect(formatDuration(Infinity)).toBe('0s');
    expect(parseDuration(formatDuration(1e12))).toBeDefined();
    expect(parseDuration(formatDuration(-1e12))).toBeDefined();
    expect(formatDuration(-1.7e302)).toBe('-2562047h47m16.854775s'); // once overflowed into BigInt(-Infinity)
    expect(parseDuration(formatDuration(1e300))).toBe(9223372036854775 / 1e6);
  });

  it('property: parseDuration(formatDuration(s)) === s on the microsecond grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 49), max: 2 ** 49 }), (micros) => {
        const s = micros / 1e6;
        return parseDuration(formatDuration(s)) === (s === 0 ? 0 : s);
      }),
    );
  });

  it('property: any finite number reads back within half a microsecond', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (s) => {
        const back = parseDuration(formatDuration(s));
        return back !== undefined && Math.abs(back - s) <= 5e-7 + Math.abs(s) * 1e-15;
      }),
    );
  });

  it('property: never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+]?(\d*\.?\d*(ns|us|µs|ms|s|m|h|d|w|x)?)+$/), fc.anything()), (v) => {
        const r = parseDuration(v as string);
        return r === undefined || Number.isFinite(r);
      }),
    );
    fc.assert(fc.property(fc.double(), (s) => typeof formatDuration(s) === 'string'));
  });
});
