/**
 * Where our schemas judge a payload differently from the official A2A 0.3.0 JSON Schema, on
 * purpose. Each row pins one difference from both sides, so that a change on either side (ours
 * or upstream) fails here and the difference is reconsidered rather than drifting silently.
 */
import { describe, expect, it } from 'vitest';
import { counterpartOf, validateOurs } from './fixtures/counterparts.ts';
import { validateOfficial } from './fixtures/official-schema.ts';
import {
  agentTextMessage,
  fullAgentCard,
  itineraryArtifact,
  messageSendParamsWithConfiguration,
  minimalAgentCard,
  minimalPushConfig,
  requests,
  submittedTask,
  taskPushConfig,
  taskQueryParams,
  travelSkill,
  userTextMessage,
} from './fixtures/samples.ts';

interface Difference {
  readonly definition: string;
  readonly name: string;
  readonly value: unknown;
  readonly why: string;
}

/** Payloads the official schema accepts and ours rejects. */
const stricterThanOfficial: readonly Difference[] = [
  {
    definition: 'MessageSendParams',
    name: 'message/send with an empty message',
    value: { message: { ...userTextMessage, parts: [] } },
    why: 'same rule as Message, seen where the server applies it',
  },
  {
    definition: 'Message',
    name: 'empty messageId',
    value: { ...agentTextMessage, messageId: '' },
    why: 'ids are keys in stores and logs; an empty one is always a client bug',
  },
  { definition: 'Task', name: 'empty task id', value: { ...submittedTask, id: '' }, why: 'ids must be non-empty' },
  {
    definition: 'Task',
    name: 'empty contextId',
    value: { ...submittedTask, contextId: '' },
    why: 'ids must be non-empty',
  },
  {
    definition: 'Artifact',
    name: 'empty artifactId',
    value: { ...itineraryArtifact, artifactId: '' },
    why: 'appending chunks is keyed by artifactId',
  },
  { definition: 'TaskIdParams', name: 'empty task id', value: { id: '' }, why: 'ids must be non-empty' },
  { definition: 'TaskQueryParams', name: 'empty task id', value: { id: '' }, why: 'ids must be non-empty' },
  {
    definition: 'TaskQueryParams',
    name: 'negative historyLength',
    value: { ...taskQueryParams, historyLength: -1 },
    why: 'a count of messages cannot be negative',
  },
  {
    definition: 'MessageSendConfiguration',
    name: 'negative historyLength',
    value: { ...messageSendParamsWithConfiguration.configuration, historyLength: -1 },
    why: 'a count of messages cannot be negative',
  },
  {
    definition: 'TaskPushNotificationConfig',
    name: 'empty taskId',
    value: { ...taskPushConfig, taskId: '' },
    why: 'ids must be non-empty',
  },
  {
    definition: 'PushNotificationConfig',
    name: 'empty webhook url',
    value: { ...minimalPushConfig, url: '' },
    why: 'there is nowhere to push to',
  },
  {
    definition: 'AgentCard',
    name: 'url that is not http(s)',
    value: { ...minimalAgentCard, url: 'agents.example.com:443' },
    why: 'we speak JSON-RPC over HTTP, so the preferred endpoint must be an http(s) URL',
  },
  {
    definition: 'AgentCard',
    name: 'relative url',
    value: { ...minimalAgentCard, url: '/a2a' },
    why: 'a card is fetched from one origin and used from another; the url must be absolute',
  },
  ...(['protocolVersion', 'name', 'description', 'version'] as const).map((field) => ({
    definition: 'AgentCard',
    name: `empty ${field}`,
    value: { ...fullAgentCard, [field]: '' },
    why: 'an empty required string on a card is a misconfigured agent',
  })),
  {
    definition: 'AgentCard',
    name: 'empty default input mode',
    value: { ...minimalAgentCard, defaultInputModes: [''] },
    why: 'a media type cannot be empty',
  },
  ...(['id', 'name', 'description'] as const).map((field) => ({
    definition: 'AgentSkill',
    name: `empty skill ${field}`,
    value: { ...travelSkill, [field]: '' },
    why: 'orchestrators route by skill id, name and description',
  })),
  {
    definition: 'AgentExtension',
    name: 'empty extension uri',
    value: { uri: '' },
    why: 'the uri is what identifies the extension',
  },
  {
    definition: 'JSONRPCRequest',
    name: 'notification (no id)',
    value: { jsonrpc: '2.0', method: 'tasks/get', params: { id: 'task-1' } },
    why: 'A2A defines no notifications: every official XxxRequest requires an id',
  },
  {
    definition: 'JSONRPCRequest',
    name: 'id null',
    value: { ...requests['tasks/get'], id: null },
    why: 'every official XxxRequest types id as string | integer, without null',
  },
  {
    definition: 'JSONRPCRequest',
    name: 'empty method',
    value: { ...requests['tasks/get'], method: '' },
    why: 'no method is named by the empty string',
  },
  {
    definition: 'SendMessageRequest',
    name: 'integer id beyond 2^53',
    value: { ...requests['message/send'], id: 2 ** 60 },
    why: 'JSON.parse loses precision past 2^53, so such ids could not be echoed back exactly',
  },
];

/** Payloads the official schema rejects and ours accepts. */
const looserThanOfficial: readonly Difference[] = [
  {
    definition: 'TransportProtocol',
    name: 'a transport the spec does not name',
    value: 'WEBSOCKET',
    why: 'the card fields that carry a transport (preferredTransport, AgentInterface.transport) are plain strings officially; the enum is only the named ones',
  },
  {
    definition: 'TransportProtocol',
    name: 'lower-case jsonrpc',
    value: 'jsonrpc',
    why: 'as above: any string is a legal transport on a card',
  },
];

function labelled(differences: readonly Difference[]): Array<[string, Difference]> {
  return differences.map((difference) => [`${difference.definition}: ${difference.name}`, difference]);
}

describe('where ours is deliberately stricter than the official schema', () => {
  it('documents the differences', () => {
    expect(stricterThanOfficial.length).toBeGreaterThan(20);
  });

  it.each(labelled(stricterThanOfficial))(
    '%s: official accepts, ours rejects',
    (_label, { definition, value, why }) => {
      const theirs = validateOfficial(definition, value);
      expect(
        theirs.valid,
        `official ${definition} now rejects it (${theirs.errors}); move it to invalid-samples.ts`,
      ).toBe(true);
      expect(validateOurs(definition, value).valid, `${counterpartOf(definition).via} accepts it; was: ${why}`).toBe(
        false,
      );
    },
  );
});

describe('where ours is deliberately looser than the official schema', () => {
  it('documents the differences', () => {
    expect(looserThanOfficial.length).toBeGreaterThan(0);
  });

  it.each(labelled(looserThanOfficial))('%s: official rejects, ours accepts', (_label, { definition, value, why }) => {
    expect(validateOfficial(definition, value).valid, `official ${definition} now accepts it`).toBe(false);
    const ours = validateOurs(definition, value);
    expect(ours.valid, `${counterpartOf(definition).via} rejects it (${ours.errors}); was: ${why}`).toBe(true);
  });

  it('still rejects array params once the method is known', () => {
    const request = { ...requests['tasks/get'], params: ['task-1'] };
    expect(validateOurs('GetTaskRequest', request).valid).toBe(false);
    expect(validateOurs('A2ARequest', request).valid).toBe(false);
  });
});
