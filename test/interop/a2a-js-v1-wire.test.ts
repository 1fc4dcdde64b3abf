/**
 * Our 1.0 JSON, field by field, against the reference SDK's own ProtoJSON codec (`@a2a-js/sdk`
 * 1.3.0 `X.fromJSON` / `X.toJSON`, generated from the 1.0 proto): what we write, they read back
 * to the same JSON; what they write, we read into our model and write back the same. The codec
 * leaves out fields at their default (`""`, `false`, `[]`, `0`), so both sides are compared
 * without those.
 */
import { describe, expect, it } from 'vitest';
import {
  AgentCard as TheirAgentCard,
  ListTasksRequest as TheirListTasksRequest,
  ListTasksResponse as TheirListTasksResponse,
  SendMessageRequest as TheirSendMessageRequest,
  SendMessageResponse as TheirSendMessageResponse,
  StreamResponse as TheirStreamResponse,
  Task as TheirTask,
  TaskPushNotificationConfig as TheirTaskPushNotificationConfig,
} from '@a2a-js/sdk-v1';
import {
  V1AgentCardSchema,
  V1ListTasksRequestSchema,
  V1ListTasksResponseSchema,
  V1SendMessageRequestSchema,
  V1SendMessageResponseSchema,
  V1StreamResponseSchema,
  V1TaskPushNotificationConfigSchema,
  V1TaskSchema,
  fromV1AgentCard,
  fromV1ListTasksRequest,
  fromV1ListTasksResponse,
  fromV1SendMessageRequest,
  fromV1SendMessageResponse,
  fromV1StreamResponse,
  fromV1Task,
  fromV1TaskPushNotificationConfig,
  toV1AgentCard,
  toV1ListTasksRequest,
  toV1ListTasksResponse,
  toV1SendMessageRequest,
  toV1SendMessageResponse,
  toV1StreamResponse,
  toV1Task,
  toV1TaskPushNotificationConfig,
} from '@a2a-mesh/protocol';
import type { AgentCard, Message, StreamEvent, Task } from '@a2a-mesh/protocol';

/** JSON without the fields ProtoJSON leaves out at their default. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const kept = Object.entries(value).flatMap(([key, entry]) => {
    const isDefault = entry === '' || entry === false || entry === 0 || (Array.isArray(entry) && entry.length === 0);
    return isDefault || entry === undefined ? [] : [[key, withoutDefaults(entry)]];
  });
  return Object.fromEntries(kept);
}

const json = (value: unknown): unknown => withoutDefaults(JSON.parse(JSON.stringify(value)));

const message: Message = {
  kind: 'message',
  messageId: 'msg-1',
  role: 'agent',
  contextId: 'ctx-1',
  taskId: 'task-1',
  referenceTaskIds: ['task-0'],
  extensions: ['https://a2a-mesh.dev/extensions/resumable-stream/v1'],
  metadata: { step: 2 },
  parts: [
    { kind: 'text', text: 'Here you are', metadata: { language: 'en' } },
    { kind: 'file', file: { bytes: 'aGVsbG8=', name: 'hello.txt', mimeType: 'text/plain' } },
    { kind: 'file', file: { uri: 'https://files.test/map.png', mimeType: 'image/png' } },
    { kind: 'data', data: { city: 'Lisbon', days: [1, 2] } },
    { kind: 'data', data: { value: 42 }, metadata: { data_part_compat: true } },
  ],
};

const task: Task = {
  kind: 'task',
  id: 'task-1',
  contextId: 'ctx-1',
  status: { state: 'input-required', timestamp: '2025-05-01T10:00:00.000Z', message },
  history: [{ ...message, role: 'user' }, message],
  artifacts: [
    { artifactId: 'a-1', name: 'answer', description: 'The answer', parts: message.parts, metadata: { n: 1 } },
  ],
  metadata: { 'a2a-mesh/truncated': true },
};

const events: StreamEvent[] = [
  task,
  message,
  {
    kind: 'status-update',
    taskId: 'task-1',
    contextId: 'ctx-1',
    status: { state: 'working', message },
    final: false,
    metadata: { n: 3 },
  },
  { kind: 'status-update', taskId: 'task-1', contextId: 'ctx-1', status: { state: 'auth-required' }, final: true },
  {
    kind: 'artifact-update',
    taskId: 'task-1',
    contextId: 'ctx-1',
    artifact: { artifactId: 'a-1', parts: [{ kind: 'text', text: 'chunk' }] },
    append: true,
    lastChunk: true,
  },
];

const card: AgentCard = {
  protocolVersion: '0.3.0',
  name: 'Travel Planner',
  description: 'Plans trips.',
  url: 'https://agents.test/a2a',
  version: '2.0.0',
  iconUrl: 'https://agents.test/icon.svg',
  documentationUrl: 'https://agents.test/docs',
  provider: { organization: 'Example', url: 'https://example.test' },
  capabilities: {
    streaming: true,
    pushNotifications: false,
    extensions: [
      {
        uri: 'https://a2a-mesh.dev/extensions/resumable-stream/v1',
        description: 'Resumable',
        required: false,
        params: { keep: 10 },
      },
    ],
  },
  supportsAuthenticatedExtendedCard: true,
  securitySchemes: {
    key: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A key' },
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    oauth: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://auth.test/token', scopes: { read: 'Read' } } },
      oauth2MetadataUrl: 'https://auth.test/.well-known',
    },
    oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.test/oidc' },
    mtls: { type: 'mutualTLS' },
  },
  security: [{ oauth: ['read'] }, { key: [], mtls: [] }],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain', 'application/json'],
  skills: [
    {
      id: 'plan',
      name: 'Plan',
      description: 'Plans a trip.',
      tags: ['travel'],
      examples: ['Three days in Lisbon'],
      inputModes: ['text/plain'],
      outputModes: ['application/json'],
      security: [{ oauth: ['read'] }],
    },
  ],
  signatures: [{ protected: 'eyJhbGciOiJFUzI1NiJ9', signature: 'c2ln', header: { kid: 'k1' } }],
};

const interfaces = [
  { url: 'https://agents.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  { url: 'https://agents.test/a2a', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
];

/** Their codec for each of our 1.0 types, and our schema and converters for it. */
const cases = [
  {
    name: 'Task',
    theirs: TheirTask,
    schema: V1TaskSchema,
    samples: [task],
    to: (value: Task) => toV1Task(value),
    from: (value: unknown) => toV1Task(fromV1Task(V1TaskSchema.parse(value))),
  },
  {
    name: 'StreamResponse',
    theirs: TheirStreamResponse,
    schema: V1StreamResponseSchema,
    samples: events,
    to: (value: StreamEvent) => toV1StreamResponse(value),
    from: (value: unknown) => toV1StreamResponse(fromV1StreamResponse(V1StreamResponseSchema.parse(value))),
  },
  {
    name: 'SendMessageResponse',
    theirs: TheirSendMessageResponse,
    schema: V1SendMessageResponseSchema,
    samples: [task, message],
    to: (value: Task | Message) => toV1SendMessageResponse(value),
    from: (value: unknown) =>
      toV1SendMessageResponse(fromV1SendMessageResponse(V1SendMessageResponseSchema.parse(value))),
  },
  {
    name: 'SendMessageRequest',
    theirs: TheirSendMessageRequest,
    schema: V1SendMessageRequestSchema,
    samples: [
      {
        message: { ...message, role: 'user' as const },
        configuration: {
          acceptedOutputModes: ['text/plain'],
          historyLength: 3,
          blocking: false,
          pushNotificationConfig: {
            id: 'p',
            url: 'https://hook.test',
            token: 't',
            authentication: { schemes: ['Bearer'], credentials: 'c' },
          },
        },
        metadata: { trace: 'x' },
      },
    ],
    to: toV1SendMessageRequest,
    from: (value: unknown) => toV1SendMessageRequest(fromV1SendMessageRequest(V1SendMessageRequestSchema.parse(value))),
  },
  {
    name: 'ListTasksRequest',
    theirs: TheirListTasksRequest,
    schema: V1ListTasksRequestSchema,
    samples: [
      {
        contextId: 'ctx-1',
        state: 'completed' as const,
        pageSize: 10,
        pageToken: 'tok',
        historyLength: 2,
        statusTimestampAfter: '2025-05-01T10:00:00Z',
        includeArtifacts: true,
      },
    ],
    to: toV1ListTasksRequest,
    from: (value: unknown) => toV1ListTasksRequest(fromV1ListTasksRequest(V1ListTasksRequestSchema.parse(value))),
  },
  {
    name: 'ListTasksResponse',
    theirs: TheirListTasksResponse,
    schema: V1ListTasksResponseSchema,
    samples: [{ tasks: [task], nextPageToken: 'next', pageSize: 1, totalSize: 4 }],
    to: toV1ListTasksResponse,
    from: (value: unknown) => toV1ListTasksResponse(fromV1ListTasksResponse(V1ListTasksResponseSchema.parse(value))),
  },
  {
    name: 'TaskPushNotificationConfig',
    theirs: TheirTaskPushNotificationConfig,
    schema: V1TaskPushNotificationConfigSchema,
    samples: [
      {
        taskId: 'task-1',
        pushNotificationConfig: {
          id: 'p',
          url: 'https://hook.test',
          token: 't',
          authentication: { schemes: ['Basic'] },
        },
      },
    ],
    to: toV1TaskPushNotificationConfig,
    from: (value: unknown) =>
      toV1TaskPushNotificationConfig(fromV1TaskPushNotificationConfig(V1TaskPushNotificationConfigSchema.parse(value))),
  },
  {
    name: 'AgentCard',
    theirs: TheirAgentCard,
    schema: V1AgentCardSchema,
    samples: [card],
    to: (value: AgentCard) => toV1AgentCard(value, interfaces),
    from: (value: unknown) => {
      const parsed = V1AgentCardSchema.parse(value);
      return toV1AgentCard(fromV1AgentCard(parsed), parsed.supportedInterfaces);
    },
  },
] as const;

describe.each(cases)('$name', ({ theirs, samples, to, from }) => {
  const codec = theirs as unknown as { fromJSON(value: unknown): unknown; toJSON(value: unknown): unknown };

  it('what we write, their codec reads back to the same JSON', () => {
    for (const sample of samples) {
      const ours = json((to as (value: unknown) => unknown)(sample));
      expect(json(codec.toJSON(codec.fromJSON(ours)))).toEqual(ours);
    }
  });

  it('what their codec writes, we read and write back the same', () => {
    for (const sample of samples) {
      const theirsWritten = json(codec.toJSON(codec.fromJSON(json((to as (value: unknown) => unknown)(sample)))));
      expect(json(from(theirsWritten))).toEqual(theirsWritten);
    }
  });
});
