/** The `compose2ecs` commands of a markdown file's ```sh blocks, with their variable prefixes. */
export function shellCommands(markdown: string): { env: Record<string, string>; argv: string[]; line: string }[] {
  const out: { env: Record<string, string>; argv: string[]; line: string }[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? '').split('\n')) {
      const m = /^((?:[A-Z_]+=\S+\s+)*)npx compose2ecs\s+(.*)$/.exec(line.trim());
      if (!m) continue;
      const env = Object.fromEntries((m[1] ?? '').trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      out.push({ env, argv: (m[2] ?? '').split(/\s+/), line });
    }
  }
  return out;
}
