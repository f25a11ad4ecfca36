/** Asking for help: no arguments, `--help`, and `help COMMAND`. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

describe('compose2ecs help COMMAND', () => {
  it.each(['config', 'convert', 'validate', 'explain', 'diagram'])('help %s prints what the command prints for --help, exit 0', async (command) => {
    const viaHelp = await cli(['help', command]);
    const viaFlag = await cli([command, '--help']);
    expect(viaHelp.stdout).toContain(`Usage: compose2ecs ${command} [OPTIONS]`);
    expect(viaHelp).toEqual(viaFlag);
    expect(viaHelp.code).toBe(0);
  });

  it('help of an unknown command: the unknown-command error, exit 2', async () => {
    const r = await cli(['help', 'convrt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "convrt" (did you mean convert?)');
  });
});

describe('no arguments at all', () => {
  it('the usage on standard output, nothing on standard error, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: compose2ecs COMMAND [OPTIONS]');
    expect(r.stderr).toBe('');
  });
});
