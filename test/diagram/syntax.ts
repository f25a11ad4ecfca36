/**
 * Small syntax checks for the renderers' output, without a Mermaid or XML dependency: what a
 * broken label or an unbalanced block would break.
 */

const ID = /^[A-Za-z0-9_]+$/;

/** Problems of a Mermaid flowchart as toMermaid writes it (empty: none). */
export function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines[0] !== 'flowchart LR') problems.push(`first line ${JSON.stringify(lines[0])}`);
  let depth = 0;
  const defined = new Set<string>();
  const used: string[] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (line.startsWith('%%')) continue;
    // Labels are "…" with no quote inside; what is left is ids and Mermaid's own punctuation.
    const bare = line.replace(/"[^"\n]*"/g, 'LABEL');
    if (/[<>&#`"\\]/.test(bare.replace(/-\.->|-->|-\.-/g, ''))) problems.push(`unescaped character outside a label: ${line}`);
    for (const label of line.match(/"[^"\n]*"/g) ?? []) if (/[<>`|[\]{}\\]/.test(label)) problems.push(`unescaped character in ${label}`);
    if (bare === 'end') {
      depth -= 1;
      if (depth < 0) problems.push('end without subgraph');
      continue;
    }
    const sub = /^subgraph (\S+?)\[LABEL\]$/.exec(bare);
    if (sub) {
      depth += 1;
      defined.add(sub[1] as string);
      continue;
    }
    const node = /^(\S+?)(?:\[LABEL\]|\(\[LABEL\]\)|\{\{LABEL\}\}|\[\/LABEL\/\])$/.exec(bare);
    if (node) {
      defined.add(node[1] as string);
      continue;
    }
    const edge = /^(\S+) (?:-->|-\.->|-\.-)(?:\|LABEL\|)? (\S+)$/.exec(bare);
    if (edge) {
      used.push(edge[1] as string, edge[2] as string);
      continue;
    }
    problems.push(`unreadable line: ${line}`);
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) without end`);
  for (const id of [...defined, ...used]) if (!ID.test(id)) problems.push(`id ${JSON.stringify(id)}`);
  for (const id of used) if (!defined.has(id)) problems.push(`edge to undefined ${id}`);
  return problems;
}

/** Problems of an XML document (empty: well-formed as far as these checks see). */
export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const tokens = text.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      // A > is allowed in XML text, but the split above would have cut at it; none is written.
      if (/[<>]/.test(token)) problems.push(`bare angle bracket in text: ${token}`);
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(token)) problems.push(`bare & in text: ${token}`);
      if (stack.length === 0 && token.trim() !== '') problems.push(`text outside the root: ${token}`);
      continue;
    }
    const m = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>$/.exec(token);
    if (!m) {
      problems.push(`malformed tag ${token}`);
      continue;
    }
    const [, close, name, , selfClosing] = m as unknown as [string, string, string, string, string];
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name);
    } else if (stack.length === 0) roots += 1;
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
