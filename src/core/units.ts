/**
 * Compose byte values and durations (11-extension.md, "Specifying byte values" and
 * "Specifying durations"), read the way docker compose reads them: bytes as go-units
 * `RAMInBytes` (binary multiples), durations as Go's `time.ParseDuration` plus the `d` and
 * `w` units of str2duration, which compose-go uses.
 */

// go-units' pattern: the unit letter, an optional `i` and an optional `b` (`1k`, `1kb`, `1KiB`).
const SIZE = /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i;
const MULTIPLIER: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * A Compose byte value → bytes (an integer, rounded down), or undefined when invalid.
 * Units are binary and case-insensitive; a plain integer (also negative, e.g. `-1` for an
 * unlimited `memswap_limit`) is taken as is.
 * @example parseBytes('300m') // 314572800
 * @example parseBytes('1.5g') // 1610612736
 */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (Number.isInteger(value)) return Number.isSafeInteger(value) ? value : undefined;
    // compose-go reads a YAML float as text, which RAMInBytes truncates; it has no sign.
    return value > 0 ? safe(Math.floor(value)) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (/^[+-]?\d+$/.test(value)) return safe(Number(value));
  const m = SIZE.exec(value);
  if (!m || !/^\d+(\.\d+)?$/.test(m[1] as string)) return undefined;
  const unit = m[2]?.toLowerCase();
  const bytes = Number(m[1]) * (unit ? (MULTIPLIER[unit] ?? 1) : 1);
  return safe(Math.floor(bytes));
}

function safe(n: number): number | undefined {
  return Number.isSafeInteger(n) ? (Object.is(n, -0) ? 0 : n) : undefined;
}

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;
const DURATION_PART = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/**
 * A Compose duration → seconds (fractional, nanosecond precision), or undefined when invalid.
 * Several parts may follow each other (`1h5m30s20ms`); a sign may lead. As in Go, a number
 * without a unit is invalid except `0`.
 * @example parseDuration('1m30s') // 90
 * @example parseDuration('10ms') // 0.01
 */
export function parseDuration(value: string | number): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (value !== 0) return undefined; // Go formats the number and finds no unit
    text = '0';
  } else if (typeof value === 'string') text = value;
  else return undefined;
  let neg = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    neg = text.startsWith('-');
    text = text.slice(1);
  }
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0n;
  while (text !== '') {
    const m = DURATION_PART.exec(text);
    if (!m) return undefined;
    const [whole, int = '', frac, unitText = ''] = m;
    if (int === '' && !frac) return undefined;
    const unit = NS_PER[unitText];
    if (unit === undefined) return undefined;
    let ns = BigInt(int === '' ? '0' : int) * unit;
    if (frac) ns += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += ns;
    if (total > MAX_NS) return undefined;
    text = text.slice(whole.length);
  }
  const seconds = nsToSeconds(total);
  return neg && seconds !== 0 ? -seconds : seconds;
}

// Divides by the largest power of ten that divides exactly, so that a value on a decimal
// grid (say whole microseconds) gets the one correctly rounded double for it.
function nsToSeconds(ns: bigint): number {
  let digits = 9;
  while (digits > 0 && ns % 10n === 0n) {
    ns /= 10n;
    digits--;
  }
  return Number(ns) / 10 ** digits;
}

/**
 * Seconds → Go's duration text (what `docker compose config` prints), rounded to the
 * microsecond and kept within Go's range, so that parseDuration reads it back.
 * A non-finite input gives `0s`.
 * @example formatDuration(90) // '1m30s'
 * @example formatDuration(0.01) // '10ms'
 * @example formatDuration(0.0005) // '500µs'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '0s';
  const maxMicros = MAX_NS / 1000n;
  const limit = Number(maxMicros); // a clamp before BigInt, which rejects ±Infinity
  let micros = BigInt(Math.max(-limit, Math.min(limit, Math.round(seconds * 1e6))));
  if (micros > maxMicros) micros = maxMicros;
  if (micros < -maxMicros) micros = -maxMicros;
  const neg = micros < 0n;
  const ns = (neg ? -micros : micros) * 1000n;
  if (ns === 0n) return '0s';
  let out: string;
  if (ns < 1_000n) out = `${ns}ns`;
  else if (ns < 1_000_000n) out = fraction(ns, 3) + 'µs';
  else if (ns < 1_000_000_000n) out = fraction(ns, 6) + 'ms';
  else {
    const h = ns / NS_PER.h!;
    const m = (ns % NS_PER.h!) / NS_PER.m!;
    out = fraction(ns % NS_PER.m!, 9) + 's';
    if (h > 0n) out = `${h}h${m}m${out}`;
    else if (m > 0n) out = `${m}m${out}`;
  }
  return neg ? '-' + out : out;
}

/** `value / 10^digits` written with the fraction's trailing zeros removed. */
function fraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const frac = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${value / scale}${frac ? '.' + frac : ''}`;
}

/**
 * Bytes → MiB, rounded up (a limit must never shrink).
 *
 * @example bytesToMiB(1) // 1
 */
export function bytesToMiB(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}
