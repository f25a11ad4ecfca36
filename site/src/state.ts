/**
 * The page's state in the URL fragment, so that a link reproduces it: `#z=` and the JSON of
 * the state, deflated (CompressionStream 'deflate-raw') and in base64url.
 */
import type { LaunchChoice, LayoutChoice, Target } from './protocol.js';

export interface PageState {
  /** The example chosen last (the text may have been edited since). */
  example: string;
  text: string;
  target: Target;
  layout: LayoutChoice;
  launchType: LaunchChoice;
}

const TARGETS: readonly string[] = ['ecs', 'cloudformation', 'kubernetes'];
const LAYOUTS: readonly string[] = ['service', 'project'];
const LAUNCH: readonly string[] = ['fargate', 'ec2'];

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The fragment (with its `#`) for a state. */
export async function encodeState(state: PageState): Promise<string> {
  const json = JSON.stringify({ v: 1, ...state });
  return `#z=${toBase64Url(await through(new TextEncoder().encode(json), new CompressionStream('deflate-raw')))}`;
}

/** The state a fragment holds, or undefined when it holds none (or one this page cannot read). */
export async function decodeState(hash: string): Promise<PageState | undefined> {
  const m = /^#?z=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return undefined;
  try {
    const json = new TextDecoder().decode(await through(fromBase64Url(m[1] as string), new DecompressionStream('deflate-raw')));
    const v = JSON.parse(json) as Record<string, unknown>;
    if (typeof v.text !== 'string') return undefined;
    const pick = <T extends string>(value: unknown, choices: readonly string[], fallback: T): T => (typeof value === 'string' && choices.includes(value) ? (value as T) : fallback);
    return {
      example: typeof v.example === 'string' ? v.example : '',
      text: v.text,
      target: pick<Target>(v.target, TARGETS, 'ecs'),
      layout: pick<LayoutChoice>(v.layout, LAYOUTS, 'service'),
      launchType: pick<LaunchChoice>(v.launchType, LAUNCH, 'fargate'),
    };
  } catch {
    return undefined;
  }
}
