import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, tempProject } from './cli-harness.js';
import type { FileWatcher } from '../../src/cli/io.js';
import { nodeWatcher } from '../../src/cli/node-watch.js';
import { WATCH_DEBOUNCE_MS } from '../../src/cli/watch.js';

/** A watcher the test drives: it sees what is watched, fires changes, runs the debounce timer and stops the watch. */
function fakeWatcher() {
  const watched: { paths: string[]; onChange: (path: string) => void; closed: boolean }[] = [];
  const timers: { ms: number; fn: () => void; cancelled: boolean }[] = [];
  const waiting: (() => void)[] = [];
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const watcher: FileWatcher = {
    watch(paths, onChange) {
      const entry = { paths: [...paths], onChange, closed: false };
      watched.push(entry);
      waiting.splice(0).forEach((w) => w());
      return () => void (entry.closed = true);
    },
    stopped: () => stopped,
    delay(ms, fn) {
      const t = { ms, fn, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
  };
  return {
    watcher,
    watched,
    timers,
    stop,
    /** Settles when the next run has finished and watches again. */
    nextRun: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** The latest watch fires for `path`. */
    change: (path: string) => (watched.at(-1) as (typeof watched)[number]).onChange(path),
    /** Runs the debounce timers that were not cancelled. */
    settle: () => timers.splice(0).filter((t) => !t.cancelled).forEach((t) => t.fn()),
  };
}

const PROJECT = {
  'compose.yaml': 'services:\n  web:\n    extends: { file: base.yaml, service: base }\n    image: nginx:${TAG}\n    env_file: app.env\n',
  'base.yaml': 'services:\n  base:\n    environment: { B: "1" }\n',
  'app.env': 'A=1\n',
  '.env': 'TAG=1.27\n',
};

describe('--watch: run again when a file the project read changes', () => {
  it('validate: watches the -f file, .env, env_file and extended files; debounced; survives an invalid save', async () => {
    const dir = tempProject(PROJECT);
    const fake = fakeWatcher();
    const first = fake.nextRun();
    const done = cli(['validate', '--watch', '-f', 'compose.yaml'], { cwd: dir, watcher: fake.watcher });
    await first;
    expect(fake.watched[0]?.paths).toEqual(expect.arrayContaining(['compose.yaml', 'base.yaml', 'app.env', '.env'].map((f) => join(dir, f))));

    // A half-written file: reported, and the watch goes on.
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web: [\n');
    fake.change(join(dir, 'compose.yaml'));
    fake.change(join(dir, 'compose.yaml'));
    expect(fake.timers.map((t) => [t.ms, t.cancelled])).toEqual([[WATCH_DEBOUNCE_MS, true], [WATCH_DEBOUNCE_MS, false]]);
    let next = fake.nextRun();
    fake.settle();
    await next;
    expect(fake.watched[0]?.closed).toBe(true);

    writeFileSync(join(dir, 'compose.yaml'), PROJECT['compose.yaml']);
    fake.change(join(dir, 'compose.yaml'));
    next = fake.nextRun();
    fake.settle();
    await next;
    fake.stop();
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/compose\.yaml:\d+:\d+: error /);
    expect(r.stderr.match(/^──── \d\d:\d\d:\d\d a file changed: running again ────$/gm)).toHaveLength(2);
    expect(r.stderr.match(/^\[watch\] exit (\d)/gm)).toEqual(['[watch] exit 0', '[watch] exit 1', '[watch] exit 0']);
  });

  it('convert: writes again on each change', async () => {
    const dir = tempProject(PROJECT);
    const fake = fakeWatcher();
    const first = fake.nextRun();
    const done = cli(['convert', '--watch', '-f', 'compose.yaml'], { cwd: dir, watcher: fake.watcher });
    await first;
    writeFileSync(join(dir, '.env'), 'TAG=1.28\n');
    fake.change(join(dir, '.env'));
    const next = fake.nextRun();
    fake.settle();
    await next;
    fake.stop();
    const r = await done;
    expect(r.stdout).toContain('nginx:1.27');
    expect(r.stdout.indexOf('nginx:1.28')).toBeGreaterThan(r.stdout.indexOf('nginx:1.27'));
  });

  it('is bad usage with -f - or without a watcher', async () => {
    const fake = fakeWatcher();
    expect((await cli(['convert', '--watch', '-f', '-'], { stdin: 'services: {}\n', watcher: fake.watcher })).code).toBe(2);
    expect((await cli(['validate', '--watch', '-f', 'fixtures/cli-explain/compose.yaml'])).code).toBe(2);
  });

  it('on the real file system: node:fs.watch sees a save and the run repeats; SIGINT ends it', async () => {
    const dir = tempProject(PROJECT);
    const signals = new EventEmitter();
    const real = nodeWatcher(signals as unknown as NodeJS.Process);
    // The harness hands the output over at the end; the runs are counted by their watch calls.
    let runs = 0;
    const watcher: FileWatcher = { ...real, watch: (paths, onChange) => (runs++, real.watch(paths, onChange)) };
    const done = cli(['validate', '--watch', '-f', 'compose.yaml'], { cwd: dir, watcher });
    await vi.waitFor(() => expect(signals.listenerCount('SIGINT')).toBe(1), { timeout: 5000, interval: 20 });
    writeFileSync(join(dir, 'app.env'), 'A=2\n');
    await vi.waitFor(() => expect(runs).toBe(2), { timeout: 5000, interval: 20 });
    signals.emit('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr.match(/^\[watch\] exit 0/gm)).toHaveLength(2);
  }, 10_000);
});
