import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../../src/loader/normalize/shell-words.js';
import { codes, service } from './helpers.js';

const words = (s: string) => splitShellWords(s)?.words;

describe('05-services command: a string is split into words as compose splits it (go-shellwords)', () => {
  it('splits on blanks', () => {
    expect(words('bundle exec thin -p 3000')).toEqual(['bundle', 'exec', 'thin', '-p', '3000']);
    expect(words('  a\t b\n c ')).toEqual(['a', 'b', 'c']);
  });

  it('keeps quoted text together, single quotes literally', () => {
    expect(words(`/bin/sh -c 'echo "hello $$HOSTNAME"'`)).toEqual(['/bin/sh', '-c', 'echo "hello $$HOSTNAME"']);
    expect(words(`echo "a b" 'c\\d'`)).toEqual(['echo', 'a b', 'c\\d']);
    expect(words(`a""b`)).toEqual(['ab']);
  });

  it('an empty quoted word is a word; an empty string is no words', () => {
    expect(words(`echo ''`)).toEqual(['echo', '']);
    expect(words('')).toEqual([]);
  });

  it('a backslash escapes the next character outside single quotes', () => {
    expect(words('a\\ b "c\\"d"')).toEqual(['a b', 'c"d']);
  });

  it('$(…) and backticks keep their blanks', () => {
    expect(words('echo $(date +%s) `id -u`')).toEqual(['echo', '$(date +%s)', '`id -u`']);
  });

  it('stops at an unquoted shell operator, like compose, and says what it ignored', () => {
    expect(splitShellWords('echo a && echo b')).toEqual({ words: ['echo', 'a'], ignored: '&& echo b' });
    expect(splitShellWords('cmd 2>/dev/null')).toEqual({ words: ['cmd'], ignored: '2>/dev/null' });
    expect(words(`sh -c "a && b"`)).toEqual(['sh', '-c', 'a && b']);
  });

  it('is malformed with an unclosed quote, a trailing backslash or a stray parenthesis', () => {
    expect(splitShellWords(`echo "oops`)).toBeUndefined();
    expect(splitShellWords(`echo oops\\`)).toBeUndefined();
    expect(splitShellWords(`echo (x)`)).toBeUndefined();
  });
});

describe('05-services command / entrypoint in the model', () => {
  it('a list is kept; [] and "" clear the image value; null is the image default', () => {
    expect(service('image: x\ncommand: [ "bundle", "exec" ]').svc.command).toEqual(['bundle', 'exec']);
    expect(service('image: x\nentrypoint: []').svc.entrypoint).toEqual([]);
    expect(service("image: x\nentrypoint: ''").svc.entrypoint).toEqual([]);
    expect(service('image: x\ncommand: null').svc).not.toHaveProperty('command');
  });

  it('a cut command is a warning naming what compose ignores; a malformed one an error', () => {
    const cut = service('image: x\ncommand: echo a && echo b');
    expect(cut.svc.command).toEqual(['echo', 'a']);
    expect(cut.diagnostics.map((d) => [d.code, d.severity])).toEqual([['COMPOSE_INVALID_VALUE', 'warning']]);
    expect(cut.diagnostics[0]?.message).toContain('&& echo b');
    const bad = service(`image: x\ncommand: echo "oops`);
    expect(bad.svc).not.toHaveProperty('command');
    expect(codes(bad.diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });
});
