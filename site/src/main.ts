/**
 * The playground page: a compose editor, the choices of a `convert` run, and its outputs, one
 * tab per document; the findings listed under the editor and marked in it. The compile runs
 * in worker.js; the state lives in the URL fragment (state.ts).
 */
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import examples from 'virtual:examples';
import type { CompileReply, CompileRequest, Finding, OutputTab } from './protocol.js';
import { decodeState, encodeState, type PageState } from './state.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const exampleSelect = $<HTMLSelectElement>('example');
const targetSelect = $<HTMLSelectElement>('target');
const layoutSelect = $<HTMLSelectElement>('layout');
const launchSelect = $<HTMLSelectElement>('launch');
const findingsList = $<HTMLUListElement>('findings');
const findingsTitle = $<HTMLElement>('findings-title');
const tabList = $<HTMLElement>('tabs');
const outputPane = $<HTMLElement>('output');
const statusLine = $<HTMLElement>('status');
const linkAnchor = $<HTMLAnchorElement>('link');

const DEBOUNCE_MS = 150;

function exampleState(id: string): PageState {
  const e = examples.find((x) => x.id === id) ?? examples[0];
  if (!e) throw new Error('the playground was built without examples');
  return { example: e.id, text: e.text, target: e.target, layout: e.layout, launchType: e.launchType };
}

for (const e of examples) exampleSelect.add(new Option(e.title, e.id));

let view: EditorView;
let activeTab: string | undefined;
let lastReply: CompileReply | undefined;

function choices(): Omit<PageState, 'text'> {
  return {
    example: exampleSelect.value,
    target: targetSelect.value as PageState['target'],
    layout: layoutSelect.value as PageState['layout'],
    launchType: launchSelect.value as PageState['launchType'],
  };
}

function showChoices(state: PageState): void {
  exampleSelect.value = state.example;
  targetSelect.value = state.target;
  layoutSelect.value = state.layout;
  launchSelect.value = state.launchType;
  // Layout and launch type are ECS settings: the Kubernetes backend reads neither.
  const ecs = state.target !== 'kubernetes';
  layoutSelect.disabled = !ecs;
  launchSelect.disabled = !ecs;
}

// ---- compile, one request at a time, the latest text winning ----
/**
 * Where compiles run: worker.js in a Web Worker; or, where no worker can start (Chromium
 * refuses one to a page opened from file://), worker.js loaded as a page script, called on
 * this thread between keystrokes (the debounce keeps typing responsive there too).
 */
interface Compiler {
  post(request: CompileRequest): void;
}

function startCompiler(onReply: (reply: CompileReply) => void): Compiler {
  let fallback: Compiler | undefined;
  const pending: CompileRequest[] = [];
  const onThisThread = (): Compiler => {
    if (fallback) return fallback;
    const ready = new Promise<(r: CompileRequest) => Promise<CompileReply>>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = './worker.js';
      script.onload = () => {
        const api = (globalThis as unknown as { compose2ecsPlayground?: { compileRequest: (r: CompileRequest) => Promise<CompileReply> } }).compose2ecsPlayground;
        if (api) resolve(api.compileRequest);
        else reject(new Error('worker.js did not load'));
      };
      script.onerror = () => reject(new Error('worker.js did not load'));
      document.head.append(script);
    });
    fallback = {
      post(request) {
        void ready
          .then((compile) => compile(request))
          .then((reply) => {
            document.body.dataset.compiler = 'page';
            onReply(reply);
          }, (err: unknown) => onReply({ id: request.id, tabs: [], findings: [{ code: 'INTERNAL_ERROR', severity: 'error', message: `internal error in the playground (please report it): ${String(err)}` }] }));
      },
    };
    return fallback;
  };
  let worker: Worker | undefined;
  let answered = false;
  try {
    worker = new Worker(new URL('./worker.js', document.baseURI));
    worker.onmessage = (e: MessageEvent<CompileReply>) => {
      answered = true;
      pending.length = 0;
      document.body.dataset.compiler = 'worker';
      onReply(e.data);
    };
    // A worker that fails before its first answer: compile here instead, what it was sent.
    worker.onerror = () => {
      if (answered) return;
      worker = undefined;
      for (const r of pending.splice(0)) onThisThread().post(r);
    };
  } catch {
    worker = undefined;
  }
  return {
    post(request) {
      if (!worker) return onThisThread().post(request);
      if (!answered) pending.push(request);
      worker.postMessage(request);
    },
  };
}

const compiler = startCompiler((reply) => {
  inFlight = undefined;
  // The text or a choice changed while this one compiled: compile again, show only the newest.
  if (again || timer !== undefined) {
    again = false;
    if (timer === undefined) send();
    return;
  }
  render(reply);
});
let nextId = 1;
let inFlight: number | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(delay = DEBOUNCE_MS): void {
  if (timer !== undefined) clearTimeout(timer);
  statusLine.textContent = 'compiling…';
  document.body.dataset.compiling = 'true';
  // The fragment is written before the compile starts: once the newest outputs are shown, the
  // address is the link to them.
  const mine = setTimeout(() => {
    void saveState().then(() => {
      if (timer !== mine) return;
      timer = undefined;
      send();
    });
  }, delay);
  timer = mine;
}

function send(): void {
  if (inFlight !== undefined) {
    again = true;
    return;
  }
  const c = choices();
  const request: CompileRequest = { id: nextId++, text: view.state.doc.toString(), target: c.target, layout: c.layout, launchType: c.launchType };
  inFlight = request.id;
  compiler.post(request);
}

// ---- the outputs ----
function render(reply: CompileReply): void {
  lastReply = reply;
  showFindings(reply.findings);
  showTabs(reply.tabs);
  const errors = reply.findings.filter((f) => f.severity === 'error').length;
  statusLine.textContent = errors ? `${errors} error${errors === 1 ? '' : 's'}: no outputs` : `${reply.tabs.length} output${reply.tabs.length === 1 ? '' : 's'}`;
  delete document.body.dataset.compiling;
}

function showTabs(tabs: readonly OutputTab[]): void {
  if (!tabs.some((t) => t.id === activeTab)) activeTab = tabs[0]?.id;
  tabList.replaceChildren(
    ...tabs.map((t) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.role = 'tab';
      b.textContent = t.label;
      b.dataset.tab = t.id;
      b.setAttribute('aria-selected', String(t.id === activeTab));
      b.onclick = () => {
        activeTab = t.id;
        if (lastReply) showTabs(lastReply.tabs);
      };
      return b;
    }),
  );
  const tab = tabs.find((t) => t.id === activeTab);
  if (!tab) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No outputs: the errors listed under the editor stop the conversion.';
    outputPane.replaceChildren(p);
  } else if (tab.kind === 'svg') {
    const div = document.createElement('div');
    div.className = 'picture';
    div.innerHTML = tab.content;
    outputPane.replaceChildren(div);
  } else {
    const pre = document.createElement('pre');
    pre.textContent = tab.content;
    outputPane.replaceChildren(pre);
  }
}

// ---- the findings: listed, and marked in the editor ----
function offsetOf(doc: Text, line: number | undefined, column: number | undefined): number | undefined {
  if (line === undefined || line < 1 || line > doc.lines) return undefined;
  const l = doc.line(line);
  return Math.min(l.from + Math.max((column ?? 1) - 1, 0), l.to);
}

function showFindings(findings: readonly Finding[]): void {
  const doc = view.state.doc;
  const marks: CmDiagnostic[] = [];
  for (const f of findings) {
    const from = offsetOf(doc, f.line, f.column);
    if (from === undefined) continue;
    // Marked on its first line only: a finding about a whole service would underline all of it.
    const lineEnd = doc.lineAt(from).to;
    let to = Math.min(offsetOf(doc, f.endLine ?? f.line, f.endColumn) ?? from, lineEnd);
    if (to <= from) to = lineEnd;
    marks.push({ from, to, severity: f.severity, source: f.code, message: f.message });
  }
  view.dispatch(setDiagnostics(view.state, marks));
  findingsTitle.textContent = findings.length ? `Findings (${findings.length})` : 'Findings: none';
  findingsList.replaceChildren(
    ...findings.map((f) => {
      const li = document.createElement('li');
      li.className = f.severity;
      const where = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '';
      li.dataset.line = f.line === undefined ? '' : String(f.line);
      const sev = document.createElement('span');
      sev.className = 'severity';
      sev.textContent = f.severity;
      const at = document.createElement('span');
      at.className = 'where';
      at.textContent = where;
      const code = document.createElement('code');
      code.textContent = f.code;
      li.append(sev, ' ', at, ' ', code, ' ', f.message);
      const pos = offsetOf(view.state.doc, f.line, f.column);
      if (pos !== undefined) {
        li.tabIndex = 0;
        li.onclick = () => {
          view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
          view.focus();
        };
      }
      return li;
    }),
  );
}

// ---- the state in the fragment ----
async function saveState(): Promise<void> {
  const hash = await encodeState({ ...choices(), text: view.state.doc.toString() });
  history.replaceState(null, '', hash);
  linkAnchor.href = hash;
}

function load(state: PageState): void {
  showChoices(state);
  if (view.state.doc.toString() !== state.text) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: state.text } });
  schedule(0);
}

// ---- wiring ----
async function start(): Promise<void> {
  const state = (await decodeState(location.hash)) ?? exampleState(examples[0]?.id ?? '');
  view = new EditorView({
    doc: state.text,
    parent: $('editor'),
    extensions: [
      basicSetup,
      yaml(),
      EditorView.lineWrapping,
      lintGutter(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) schedule();
      }),
    ],
  });
  load(state);
  exampleSelect.onchange = () => load(exampleState(exampleSelect.value));
  for (const s of [targetSelect, layoutSelect, launchSelect]) {
    s.onchange = () => {
      showChoices({ ...choices(), text: '' });
      schedule(0);
    };
  }
  // A link pasted into this tab's address bar.
  addEventListener('hashchange', () => {
    void decodeState(location.hash).then((s) => s && load(s));
  });
}

void start();
