import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { serviceKeys } from '../../../src/loader/normalize/index.js';
import { load } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../../schemas/compose-spec.json', import.meta.url), 'utf8'));
const schemaKeys = Object.keys(schema.$defs.service.properties);

describe('05-services: every key of the schema is mapped, in the schema order', () => {
  it('the table has exactly the schema keys', () => {
    expect(Object.keys(serviceKeys)).toEqual(schemaKeys);
  });

  it('a normalized service lists its keys in that order, name first and extensions last', () => {
    const { project } = load('services:\n  s:\n    x-a: 1\n    working_dir: /w\n    image: x\n    build: .\n    deploy: {replicas: 1}\n');
    expect(Object.keys(project.services.s!)).toEqual(['name', 'deploy', 'build', 'image', 'networks', 'working_dir', 'extensions']);
  });
});
