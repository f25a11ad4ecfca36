// The examples module scripts/site.mjs makes from the repository's compose files.
declare module 'virtual:examples' {
  import type { LaunchChoice, LayoutChoice, Target } from './protocol.js';
  const examples: ReadonlyArray<{ id: string; title: string; text: string; target: Target; layout: LayoutChoice; launchType: LaunchChoice }>;
  export default examples;
}
