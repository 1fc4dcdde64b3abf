/**
 * Keeps our zod schemas honest against the official A2A 0.3.0 JSON Schema: every sample payload
 * must be judged the same way by both, and every official type we send or receive must have a
 * schema of ours. Deliberate differences live in `official-schema-differences.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  A2AError,
  ErrorCode,
  RoleSchema,
  TaskStateSchema,
  TransportProtocolSchema,
  defaultErrorMessages,
  methods,
} from './index.ts';
import {
  counterpartOf,
  counterparts,
  officialErrorNames,
  officialRequestNames,
  unmappedDefinitions,
  validateOurs,
} from './fixtures/counterparts.ts';
import { invalidSamples } from './fixtures/invalid-samples.ts';
import { findOfficialSchemaPath, loadOfficialSchema, validateOfficial } from './fixtures/official-schema.ts';
import { allTaskStates, validSamples } from './fixtures/samples.ts';
import type { Sample } from './fixtures/samples.ts';

const official = loadOfficialSchema();
const officialNames = Object.keys(official.definitions);

/**
 * The definitions an instance of `definition` is also an instance of: the official `anyOf` unions
 * that list it (transitively), plus the generic JSON-RPC shapes the per-method definitions refine.
 */
function supertypesOf(definition: string): string[] {
  const direct = officialNames.filter((name) =>
    official.definitions[name]?.anyOf?.some((member) => member.$ref === `#/definitions/${definition}`),
  );
  const refined: string[] = [];
  if (Object.values(officialRequestNames).some((name) => name === definition)) refined.push('JSONRPCRequest');
  if (definition.endsWith('SuccessResponse') && definition !== 'JSONRPCSuccessResponse') {
    refined.push('JSONRPCSuccessResponse');
  }
  if (Object.values(officialErrorNames).some((name) => name === definition)) refined.push('JSONRPCError');
  return [...new Set([...direct, ...refined, ...direct.flatMap(supertypesOf)])];
}

/** Each sample checked as its own definition and as every definition it is also an instance of. */
const samplesWithSupertypes: Sample[] = validSamples.flatMap((sample) => [
  sample,
  ...supertypesOf(sample.definition).map((supertype) => ({
    ...sample,
    definition: supertype,
    name: `${sample.name} (a ${sample.definition})`,
  })),
]);

/** Test-name rows: `Definition: sample name`. */
function labelled(samples: readonly Sample[]): Array<[string, Sample]> {
  return samples.map((sample) => [`${sample.definition}: ${sample.name}`, sample]);
}

describe('the official A2A 0.3.0 JSON Schema', () => {
  it('is vendored in the package and holds the 0.3.0 definitions', () => {
    expect(findOfficialSchemaPath()).toMatch(/protocol[/\\]spec[/\\]a2a-0\.3\.0\.schema\.json$/);
    expect(official.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(officialNames).toContain('AgentCard');
    expect(officialNames.length).toBeGreaterThan(80);
  });

  it('fails with a message naming the missing file when it is not there', () => {
    expect(() => findOfficialSchemaPath('/nowhere/src/fixtures')).toThrow(/spec[/\\]a2a-0\.3\.0\.schema\.json/);
  });
});

describe('coverage: every official type we send or receive has a schema of ours', () => {
  it('maps or deliberately leaves out every official definition', () => {
    const unaccounted = officialNames.filter(
      (name) => !Object.hasOwn(counterparts, name) && !Object.hasOwn(unmappedDefinitions, name),
    );
    expect(unaccounted, 'official definitions with no schema of ours and no reason to leave them out').toEqual([]);
  });

  it('names only official definitions, each either mapped or left out, never both', () => {
    const known = new Set(officialNames);
    expect(Object.keys(counterparts).filter((name) => !known.has(name))).toEqual([]);
    expect(Object.keys(unmappedDefinitions).filter((name) => !known.has(name))).toEqual([]);
    expect(Object.keys(unmappedDefinitions).filter((name) => Object.hasOwn(counterparts, name))).toEqual([]);
    expect(Object.keys(counterparts).length + Object.keys(unmappedDefinitions).length).toBe(officialNames.length);
  });

  it('has the same methods as the official A2ARequest union', () => {
    const officialMethods = (official.definitions.A2ARequest?.anyOf ?? []).map((member) => {
      const name = member.$ref?.replace('#/definitions/', '') ?? '';
      return official.definitions[name]?.properties?.method?.const;
    });
    expect(officialMethods).toHaveLength(10);
    expect(new Set(officialMethods)).toEqual(new Set(Object.keys(methods)));
    for (const [method, definition] of Object.entries(officialRequestNames)) {
      expect(official.definitions[definition]?.properties?.method?.const, definition).toBe(method);
    }
  });

  it('marks exactly the methods that answer with a stream as streaming', () => {
    const streaming = Object.entries(methods)
      .filter(([, method]) => method.streaming)
      .map(([name]) => name);
    expect(streaming.sort()).toEqual(['message/stream', 'tasks/resubscribe']);
  });

  it('has the same top-level properties and required fields as each official object definition', () => {
    // Where the property sets differ on purpose; each difference is also pinned by a sample in
    // official-schema-differences.test.ts.
    const expectedDifferences: Record<string, { required?: string[]; properties?: string[] }> = {
      // A2A has no notifications: every request we take carries an id.
      JSONRPCRequest: { required: ['id', 'jsonrpc', 'method'] },
      // The official request declares no params (and so allows any); we take an optional object.
      GetAuthenticatedExtendedCardRequest: { properties: ['id', 'jsonrpc', 'method', 'params'] },
    };
    let compared = 0;
    for (const [name, counterpart] of Object.entries(counterparts)) {
      const theirs = official.definitions[name];
      const ours = z.toJSONSchema(counterpart.schema, { io: 'input' }) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      if (!theirs?.properties || !ours.properties) continue;
      compared += 1;
      const expected = expectedDifferences[name];
      expect(Object.keys(ours.properties).sort(), `${name} properties (ours: ${counterpart.via})`).toEqual(
        expected?.properties ?? Object.keys(theirs.properties).sort(),
      );
      expect([...(ours.required ?? [])].sort(), `${name} required (ours: ${counterpart.via})`).toEqual(
        expected?.required ?? [...(theirs.required ?? [])].sort(),
      );
    }
    expect(compared).toBeGreaterThan(60);
  });
});

describe('valid samples: accepted by the official schema and by ours', () => {
  it('cover every definition we map, each with at least one sample', () => {
    const sampled = new Set(samplesWithSupertypes.map((sample) => sample.definition));
    expect(Object.keys(counterparts).filter((name) => !sampled.has(name))).toEqual([]);
    expect(validSamples.length).toBeGreaterThan(100);
    expect(samplesWithSupertypes.length).toBeGreaterThan(validSamples.length);
  });

  it.each(labelled(samplesWithSupertypes))('%s', (_label, { definition, value }) => {
    const theirs = validateOfficial(definition, value);
    expect(theirs.valid, `official ${definition} rejects it: ${theirs.errors}`).toBe(true);
    const ours = validateOurs(definition, value);
    expect(ours.valid, `${counterpartOf(definition).via} rejects it: ${ours.errors}`).toBe(true);
  });
});

describe('invalid samples: rejected by the official schema and by ours', () => {
  it('exist for the types that matter', () => {
    expect(invalidSamples.length).toBeGreaterThan(100);
    const covered = new Set(invalidSamples.map((sample) => sample.definition));
    for (const definition of [
      'AgentCard',
      'AgentSkill',
      'Message',
      'Part',
      'FilePart',
      'DataPart',
      'Task',
      'TaskState',
    ]) {
      expect(covered, definition).toContain(definition);
    }
  });

  it.each(labelled(invalidSamples))('%s', (_label, { definition, value }) => {
    expect(validateOfficial(definition, value).valid, `official ${definition} accepts it`).toBe(false);
    expect(validateOurs(definition, value).valid, `${counterpartOf(definition).via} accepts it`).toBe(false);
  });
});

describe('enums match the official ones', () => {
  it('TaskState', () => {
    expect(new Set(TaskStateSchema.options)).toEqual(new Set(official.definitions.TaskState?.enum));
    expect(new Set(allTaskStates)).toEqual(new Set(official.definitions.TaskState?.enum));
  });

  it('Role', () => {
    const role = official.definitions.Message?.properties?.role as { enum?: string[] } | undefined;
    expect(role?.enum?.length).toBe(2);
    expect(new Set(RoleSchema.options)).toEqual(new Set(role?.enum));
  });

  it('TransportProtocol: every named transport is accepted', () => {
    const transports = official.definitions.TransportProtocol?.enum ?? [];
    expect(transports).toHaveLength(3);
    for (const transport of transports)
      expect(TransportProtocolSchema.safeParse(transport).success, transport).toBe(true);
  });
});

describe('error codes and default messages match the official error definitions', () => {
  const errorNames = Object.keys(ErrorCode) as Array<keyof typeof ErrorCode>;

  it('defines exactly the codes of the official A2AError union', () => {
    const officialCodes = (official.definitions.A2AError?.anyOf ?? []).map((member) => {
      const name = member.$ref?.replace('#/definitions/', '') ?? '';
      return official.definitions[name]?.properties?.code?.const;
    });
    expect(officialCodes).toHaveLength(12);
    expect(new Set(officialCodes)).toEqual(new Set(Object.values(ErrorCode)));
    expect(Object.keys(defaultErrorMessages)).toHaveLength(officialCodes.length);
  });

  it.each(errorNames)('%s: same code and default message as the official definition', (name) => {
    const definition = official.definitions[officialErrorNames[name]];
    const code = ErrorCode[name];
    expect(definition?.properties?.code?.const).toBe(code);
    expect(defaultErrorMessages[code]).toBe(definition?.properties?.message?.default);
  });

  it.each(errorNames)('%s: A2AError.of(code) serializes to a valid official error and error response', (name) => {
    const error = A2AError.of(ErrorCode[name], 'task-1', { taskId: 'task-1' }).toJSON();
    const response = { jsonrpc: '2.0', id: 'req-1', error };
    for (const [definition, value] of [
      [officialErrorNames[name], error],
      ['A2AError', error],
      ['JSONRPCErrorResponse', response],
      ['JSONRPCResponse', response],
    ] as const) {
      const theirs = validateOfficial(definition, value);
      expect(theirs.valid, `official ${definition}: ${theirs.errors}`).toBe(true);
      expect(validateOurs(definition, value).valid, `ours as ${definition}`).toBe(true);
    }
  });
});
