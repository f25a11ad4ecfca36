/**
 * `--format sarif` must be a SARIF 2.1.0 log GitHub code scanning accepts. Checked twice:
 * at the type level (format.ts builds a `Log` from @types/sarif, and the key lists below must
 * name exactly the properties of each SARIF type, or this file does not compile), and at run
 * time (every object of the output has only SARIF properties, the required ones, and values
 * the specification allows).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Sarif from 'sarif';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { validate } from '../../src/validate.js';
import { RULES } from '../../src/rules/index.js';

/** The property names of a SARIF type, exactly: a missing or an extra name is a type error. */
function shape<T>(keys: { [K in keyof Required<T>]: true }): Set<string> {
  return new Set(Object.keys(keys));
}

const LOG = shape<Sarif.Log>({ $schema: true, version: true, runs: true, inlineExternalProperties: true, properties: true });
const RUN = shape<Sarif.Run>({
  addresses: true, artifacts: true, automationDetails: true, baselineGuid: true, columnKind: true, conversion: true, defaultEncoding: true,
  defaultSourceLanguage: true, externalPropertyFileReferences: true, graphs: true, invocations: true, language: true, logicalLocations: true,
  newlineSequences: true, originalUriBaseIds: true, policies: true, redactionTokens: true, results: true, runAggregates: true,
  specialLocations: true, taxonomies: true, threadFlowLocations: true, tool: true, translations: true, versionControlProvenance: true,
  webRequests: true, webResponses: true, properties: true,
});
const TOOL = shape<Sarif.Tool>({ driver: true, extensions: true, properties: true });
const DRIVER = shape<Sarif.ToolComponent>({
  associatedComponent: true, contents: true, dottedQuadFileVersion: true, downloadUri: true, fullDescription: true, fullName: true,
  globalMessageStrings: true, guid: true, informationUri: true, isComprehensive: true, language: true, localizedDataSemanticVersion: true,
  locations: true, minimumRequiredLocalizedDataSemanticVersion: true, name: true, notifications: true, organization: true, product: true,
  productSuite: true, releaseDateUtc: true, rules: true, semanticVersion: true, shortDescription: true, supportedTaxonomies: true, taxa: true,
  translationMetadata: true, version: true, properties: true,
});
const RULE = shape<Sarif.ReportingDescriptor>({
  defaultConfiguration: true, deprecatedGuids: true, deprecatedIds: true, deprecatedNames: true, fullDescription: true, guid: true, help: true,
  helpUri: true, id: true, messageStrings: true, name: true, relationships: true, shortDescription: true, properties: true,
});
const TEXT = shape<Sarif.MultiformatMessageString>({ markdown: true, text: true, properties: true });
const CONFIG = shape<Sarif.ReportingConfiguration>({ enabled: true, level: true, parameters: true, rank: true, properties: true });
const RESULT = shape<Sarif.Result>({
  analysisTarget: true, attachments: true, baselineState: true, codeFlows: true, correlationGuid: true, fingerprints: true, fixes: true,
  graphs: true, graphTraversals: true, guid: true, hostedViewerUri: true, kind: true, level: true, locations: true, message: true,
  occurrenceCount: true, partialFingerprints: true, provenance: true, rank: true, relatedLocations: true, rule: true, ruleId: true,
  ruleIndex: true, stacks: true, suppressions: true, taxa: true, webRequest: true, webResponse: true, workItemUris: true, properties: true,
});
const MESSAGE = shape<Sarif.Message>({ arguments: true, id: true, markdown: true, text: true, properties: true });
const LOCATION = shape<Sarif.Location>({ annotations: true, id: true, logicalLocations: true, message: true, physicalLocation: true, relationships: true, properties: true });
const PHYSICAL = shape<Sarif.PhysicalLocation>({ address: true, artifactLocation: true, contextRegion: true, region: true, properties: true });
const ARTIFACT = shape<Sarif.ArtifactLocation>({ description: true, index: true, uri: true, uriBaseId: true, properties: true });
const REGION = shape<Sarif.Region>({
  byteLength: true, byteOffset: true, charLength: true, charOffset: true, endColumn: true, endLine: true, message: true, snippet: true,
  sourceLanguage: true, startColumn: true, startLine: true, properties: true,
});
const LOGICAL = shape<Sarif.LogicalLocation>({ decoratedName: true, fullyQualifiedName: true, index: true, kind: true, name: true, parentIndex: true, properties: true });

type Json = Record<string, unknown>;

/** Only properties of `allowed`, and every one of `required`. */
function object(value: unknown, allowed: Set<string>, required: string[], where: string): Json {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is an object`).toBe(true);
  const o = value as Json;
  for (const k of Object.keys(o)) expect(allowed.has(k), `${where}.${k} is a SARIF property`).toBe(true);
  for (const k of required) expect(o[k], `${where}.${k} is required`).toBeDefined();
  return o;
}

const positive = (v: unknown, where: string) => expect(Number.isInteger(v) && (v as number) >= 1, `${where} is an integer ≥ 1`).toBe(true);

function checkLog(text: string): Sarif.Log {
  const log = object(JSON.parse(text), LOG, ['version', 'runs'], 'log') as unknown as Sarif.Log;
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const run = object(log.runs[0], RUN, ['tool'], 'run') as unknown as Sarif.Run;
  const driver = object(object(run.tool, TOOL, ['driver'], 'tool').driver, DRIVER, ['name'], 'driver') as unknown as Sarif.ToolComponent;
  const rules = driver.rules ?? [];
  expect(new Set(rules.map((r) => r.id)).size, 'rule ids are unique').toBe(rules.length);
  for (const [i, r] of rules.entries()) {
    const rule = object(r, RULE, ['id'], `rules[${i}]`);
    for (const k of ['shortDescription', 'fullDescription', 'help']) if (rule[k] !== undefined) expect((object(rule[k], TEXT, ['text'], `rules[${i}].${k}`).text as string).length).toBeGreaterThan(0);
    if (rule.defaultConfiguration !== undefined) expect(['none', 'note', 'warning', 'error']).toContain(object(rule.defaultConfiguration, CONFIG, [], 'config').level);
  }
  const bases = (run.originalUriBaseIds ?? {}) as Record<string, Sarif.ArtifactLocation>;
  for (const b of Object.values(bases)) expect(b.uri, 'a base URI is absolute and ends with /').toMatch(/^file:\/\/\/.*\/$/);
  for (const [i, r] of (run.results ?? []).entries()) {
    const where = `results[${i}]`;
    const result = object(r, RESULT, ['message'], where) as unknown as Sarif.Result;
    expect(typeof object(result.message, MESSAGE, ['text'], `${where}.message`).text).toBe('string');
    expect(['none', 'note', 'warning', 'error']).toContain(result.level);
    expect(rules[result.ruleIndex as number]?.id, `${where}.ruleIndex names its rule`).toBe(result.ruleId);
    for (const l of result.locations ?? []) {
      const loc = object(l, LOCATION, [], `${where}.location`) as unknown as Sarif.Location;
      for (const ll of loc.logicalLocations ?? []) object(ll, LOGICAL, [], `${where}.logicalLocation`);
      const phys = object(loc.physicalLocation, PHYSICAL, ['artifactLocation'], `${where}.physicalLocation`) as unknown as Sarif.PhysicalLocation;
      const art = object(phys.artifactLocation, ARTIFACT, ['uri'], `${where}.artifactLocation`) as unknown as Sarif.ArtifactLocation;
      expect(art.uri, 'a URI reference without spaces').not.toMatch(/\s/);
      if (art.uriBaseId !== undefined) expect(Object.keys(bases), `${where}: uriBaseId is defined`).toContain(art.uriBaseId);
      if (phys.region === undefined) continue;
      const region = object(phys.region, REGION, ['startLine'], `${where}.region`) as unknown as Sarif.Region;
      positive(region.startLine, `${where}.startLine`);
      positive(region.startColumn, `${where}.startColumn`);
      if (region.endLine !== undefined) {
        expect(region.endLine).toBeGreaterThanOrEqual(region.startLine as number);
        positive(region.endColumn, `${where}.endColumn`);
        if (region.endLine === region.startLine) expect(region.endColumn as number, `${where}: the region is not empty`).toBeGreaterThan(region.startColumn as number);
      }
    }
  }
  return log;
}

describe('--format sarif: SARIF 2.1.0', () => {
  it('is built as a @types/sarif Log (type level)', () => {
    expectTypeOf(checkLog).returns.toEqualTypeOf<Sarif.Log>();
    expectTypeOf<Sarif.Log['version']>().toEqualTypeOf<'2.1.0'>();
  });

  it('the validate fixture: every finding with its rule, located relative to %SRCROOT%', async () => {
    const { diagnostics } = await validate({ files: ['fixtures/cli-validate/compose.yaml'], env: {}, target: 'ecs' });
    const cwd = process.cwd();
    const log = checkLog(formatDiagnostics(diagnostics, { format: 'sarif', cwd }));
    const run = log.runs[0] as Sarif.Run;
    expect(run.results).toHaveLength(diagnostics.length);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${cwd}/` } });
    const first = run.results?.find((r) => r.ruleId === 'IMAGE_UNPINNED');
    expect(first?.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'fixtures/cli-validate/compose.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 12, endLine: 4, endColumn: 17 } });
    const rule = run.tool.driver.rules?.find((r) => r.id === 'IMAGE_UNPINNED');
    expect(rule?.shortDescription?.text).toBe(RULES.find((r) => r.code === 'IMAGE_UNPINNED')?.docs);
    expect(rule?.defaultConfiguration?.level).toBe('warning');
  });

  it('files outside the working directory get file URIs; findings without a file are located at the run\'s artifact; odd paths are encoded', () => {
    const log = checkLog(
      formatDiagnostics(
        [
          { code: 'FILE_NOT_FOUND', severity: 'error', message: 'no', file: '/elsewhere/my compose.yaml' },
          { code: 'NO_COMPOSE_FILE', severity: 'error', message: 'none' },
          { code: 'ECS_DEFAULT_APPLIED', severity: 'info', message: 'x', file: '/w/a#b.yaml', line: 2, column: 3, endLine: 2, endColumn: 3 },
        ],
        { format: 'sarif', cwd: '/w' },
      ),
    );
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(['file:///elsewhere/my%20compose.yaml', 'file:///elsewhere/my%20compose.yaml', 'a%23b.yaml']);
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'note']);
  });

  it('a finding without a file is located at the run\'s artifact (option artifact): run.artifacts[0], line 1', () => {
    const log = checkLog(formatDiagnostics([{ code: 'BACKEND_FAILED', severity: 'error', message: 'boom' }], { format: 'sarif', cwd: '/w', artifact: '/w/compose.yaml' }));
    const run = log.runs[0] as Sarif.Run;
    expect(run.artifacts).toEqual([{ location: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' } }]);
    expect(run.results?.[0]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 1, startColumn: 1 } } }]);
  });

  it('an empty run is still a valid log', () => {
    expect(checkLog(formatDiagnostics([], { format: 'sarif' })).runs[0]?.results).toEqual([]);
  });
});
