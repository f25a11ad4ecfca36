/** Reading a compose `expose` entry, once for every target. */

/** One `expose` entry as ports: the first and last container port, and the protocol. */
export interface ExposeRange {
  from: number;
  to: number;
  protocol: string;
}

/**
 * An `expose` entry (05-services expose: `"3000"`, `"8000-8010"`, `"53/udp"`) as a port range,
 * or undefined for text that is none (the loader reports it).
 *
 * @example
 * exposeRange('8000-8002/udp') // { from: 8000, to: 8002, protocol: 'udp' }
 * exposeRange('3000') // { from: 3000, to: 3000, protocol: 'tcp' }
 */
export function exposeRange(text: string): ExposeRange | undefined {
  const [range = '', protocol = 'tcp'] = text.split('/');
  const m = /^(\d+)(?:-(\d+))?$/.exec(range);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] === undefined ? from : Number(m[2]), protocol };
}

/**
 * The one tcp port an `expose` entry names, or undefined (a range, udp, sctp): what Service
 * Connect advertises.
 *
 * @example
 * exposedTcpPort('5432') // 5432
 * exposedTcpPort('8000-8002') // undefined
 */
export function exposedTcpPort(text: string): number | undefined {
  const r = exposeRange(text);
  return r && r.protocol === 'tcp' && r.from === r.to ? r.from : undefined;
}
