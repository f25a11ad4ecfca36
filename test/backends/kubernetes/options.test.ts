import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../src/backends/kubernetes/options.js';
import type { IR } from '../../../src/ir/ir.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

const ir = { diagnostic: (code: Diagnostic['code'], severity: Diagnostic['severity'], message: string) => ({ code, severity, message }) } as unknown as IR;

function parse(raw: Record<string, unknown>) {
  const diagnostics: Diagnostic[] = [];
  return { options: parseOptions(ir, raw, diagnostics), diagnostics };
}

describe('backend options: defaults', () => {
  it('are YAML, one file, Deployments, nothing optional turned on', () => {
    const { options, diagnostics } = parse({});
    expect(options).toMatchObject({ format: 'yaml', split: false, controller: 'deployment', jobs: false, ingress: false, waitForDependencies: false, statefulVolumes: false, accessMode: 'ReadWriteOnce', startPeriod: 'startupProbe' });
    expect(options.namespace).toBeUndefined();
    expect(options.volumeSize).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });
});

describe('backend options: values from --set key=value', () => {
  it('read the text "true" and "false" as booleans', () => {
    expect(parse({ split: 'true', jobs: 'false' }).options).toMatchObject({ split: true, jobs: false });
    expect(parse({ split: true }).options.split).toBe(true);
  });

  it('take kebab-case and snake_case keys as the camelCase option', () => {
    expect(parse({ 'wait-for-dependencies': 'true', storage_class: 'gp3' }).options).toMatchObject({ waitForDependencies: true, storageClass: 'gp3' });
  });

  it('match enum values without regard to case', () => {
    expect(parse({ controller: 'StatefulSet', serviceType: 'loadbalancer' }).options).toMatchObject({ controller: 'statefulset', serviceType: 'LoadBalancer' });
  });

  it('take the format the CLI passes', () => {
    expect(parse({ format: 'json' }).options.format).toBe('json');
  });
});

describe('backend options: problems are warnings, never throws', () => {
  it('reports an unknown key and ignores it', () => {
    const { options, diagnostics } = parse({ controler: 'statefulset' });
    expect(options.controller).toBe('deployment');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['K8S_INVALID', 'warning']]);
    expect(diagnostics[0]?.message).toContain('controler');
  });

  it('reports a bad value and keeps the default', () => {
    const { options, diagnostics } = parse({ split: 'maybe', namespace: 'Prod_EU', volumeSize: 'lots', controller: 'replicaset' });
    expect(options).toMatchObject({ split: false, controller: 'deployment' });
    expect(options.namespace).toBeUndefined();
    expect(options.volumeSize).toBeUndefined();
    expect(diagnostics).toHaveLength(4);
  });

  it('ignores undefined values', () => {
    expect(parse({ namespace: undefined }).diagnostics).toEqual([]);
  });
});
