import { describe, expect, it } from 'vitest';
import { escapeExpansion, isLabelValue, isQualifiedName, objectName, portName, withSuffix } from '../../../src/backends/kubernetes/names.js';

describe('object names: DNS-1035 labels', () => {
  it.each([
    ['web', 'web'],
    ['Web_App', 'web-app'],
    ['api.v2', 'api-v2'],
    ['--x--', 'x'],
    ['1st', 'x-1st'],
    ['a__b', 'a-b'],
  ])('%s → %s', (raw, name) => expect(objectName(raw)).toBe(name));

  it('cuts at 63 characters without a trailing dash', () => {
    const n = objectName(`${'a'.repeat(62)}-b`);
    expect(n.length).toBeLessThanOrEqual(63);
    expect(n.endsWith('-')).toBe(false);
    expect(withSuffix('a'.repeat(63), 'headless')).toMatch(/^a+-headless$/);
    expect(withSuffix('a'.repeat(63), 'headless').length).toBeLessThanOrEqual(63);
  });
});

describe('labels and annotations', () => {
  it('accepts label values of at most 63 alphanumerics, -, _ and . with alphanumeric ends', () => {
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('v1.2_3-x')).toBe(true);
    expect(isLabelValue('The public web site')).toBe(false);
    expect(isLabelValue('-x')).toBe(false);
    expect(isLabelValue('a'.repeat(64))).toBe(false);
  });

  it('accepts keys [prefix/]name with a DNS subdomain prefix', () => {
    expect(isQualifiedName('com.example.team')).toBe(true);
    expect(isQualifiedName('prometheus.io/scrape')).toBe(true);
    expect(isQualifiedName('Example.COM/x')).toBe(false);
    expect(isQualifiedName('has space')).toBe(false);
    expect(isQualifiedName('a/b/c')).toBe(false);
  });
});

describe('port names: IANA service names', () => {
  it('lowercases, keeps 15 characters, needs a letter', () => {
    expect(portName('HTTP')).toBe('http');
    expect(portName('metrics_endpoint_v2')).toBe('metrics-endpoin');
    expect(portName('8080')).toBeUndefined();
  });
});

describe('$(VAR) expansion: compose text stays literal', () => {
  it.each([
    ['echo $(date)', 'echo $$(date)'],
    // Kubernetes reads `$$` as `$` and a final `$` as itself: `$$$` gives back `$$`.
    ['$$', '$$$'],
    ['$HOME ${PORT} a$', '$HOME ${PORT} a$'],
    ['$$(x)', '$$$$(x)'],
  ])('%s → %s', (raw, escaped) => expect(escapeExpansion(raw)).toBe(escaped));
});
