import {
  StreamEventSchema,
  extensionsHeader,
  V1AgentCardSchema,
  V1ListTaskPushNotificationConfigsResponseSchema,
  V1ListTasksResponseSchema,
  V1SendMessageResponseSchema,
  V1StreamResponseSchema,
  V1TaskPushNotificationConfigSchema,
  V1TaskSchema,
  fromV1AgentCard,
  fromV1ListTasksResponse,
  fromV1SendMessageResponse,
  fromV1StreamResponse,
  fromV1Task,
  fromV1TaskPushNotificationConfig,
  isTerminalState,
  methods,
  protocolVersionHeader,
  resumableStreamExtension,
  toV1GetTaskRequest,
  toV1ListTasksRequest,
  toV1SendMessageRequest,
  toV1TaskIdRequest,
  toV1TaskPushNotificationConfig,
  v1MethodNames,
} from '@a2a-mesh/protocol';
import type {
  ListTasksParams,
  ListTasksResult,
  MethodName,
  MethodParams,
  MethodResult,
  ProtocolVersion,
  StreamEvent,
} from '@a2a-mesh/protocol';
import { z } from 'zod';
import { isStreamComplete } from './is-stream-complete.ts';

/** A request as it goes on the wire, with the schema that reads its result into our model. */
export interface WireRequest<TResult> {
  method: string;
  params: unknown;
  result: z.ZodType<TResult>;
}

/** The methods that start a stream. */
export type StreamMethodName = 'message/stream' | 'tasks/resubscribe';
type UnaryName = Exclude<MethodName, StreamMethodName>;

/**
 * How the client writes requests and reads answers in one A2A version. Callers always speak our
 * (0.3) model; the dialect translates at the edge, so every version yields the same types, the
 * same stream items and the same resume behaviour.
 */
export interface WireDialect {
  readonly protocolVersion: ProtocolVersion;
  /** Headers every request carries (1.0: `A2A-Version`). */
  readonly headers: Readonly<Record<string, string>>;
  /** A unary method on the wire. */
  call<TMethod extends UnaryName>(method: TMethod, params: MethodParams<TMethod>): WireRequest<MethodResult<TMethod>>;
  /** `ListTasks`, which 1.0 added; undefined in 0.3. */
  listTasks(params: ListTasksParams): WireRequest<ListTasksResult> | undefined;
  /** A stream's first request on the wire (its events are read with {@link event}). */
  stream(method: StreamMethodName, params: unknown): { method: string; params: unknown };
  /** One stream event's `result`, read into our model. */
  readonly event: z.ZodType<StreamEvent>;
  /** Whether `event` is the last its stream carries (see `isStreamComplete`). */
  isComplete(event: StreamEvent, isResubscribe: boolean): boolean;
}

/** A2A 0.3: our model is the wire format; no version header (its absence means 0.3). */
const legacyDialect: WireDialect = {
  protocolVersion: '0.3',
  headers: {},
  call: (method, params) => ({ method, params, result: methods[method].result as never }),
  listTasks: () => undefined,
  stream: (method, params) => ({ method, params }),
  event: StreamEventSchema,
  isComplete: isStreamComplete,
};

/** Reads a 1.0 result with `schema` and converts it into our model. */
const read = <TSchema extends z.ZodType, TResult>(schema: TSchema, convert: (value: z.infer<TSchema>) => TResult) =>
  schema.transform((value) => convert(value)) as unknown as z.ZodType<TResult>;

const v1Task = read(V1TaskSchema, fromV1Task);
const v1PushConfig = read(V1TaskPushNotificationConfigSchema, fromV1TaskPushNotificationConfig);

/** Per 0.3 method: its 1.0 params and the schema of its 1.0 result. */
const v1Calls: { [TMethod in UnaryName]: (params: MethodParams<TMethod>) => { params: unknown; result: z.ZodType } } = {
  'message/send': (params) => ({
    params: toV1SendMessageRequest(params),
    result: read(V1SendMessageResponseSchema, fromV1SendMessageResponse),
  }),
  'tasks/get': (params) => ({ params: toV1GetTaskRequest(params), result: v1Task }),
  'tasks/cancel': (params) => ({ params: toV1TaskIdRequest(params), result: v1Task }),
  'tasks/pushNotificationConfig/set': (params) => ({
    params: toV1TaskPushNotificationConfig(params),
    result: v1PushConfig,
  }),
  'tasks/pushNotificationConfig/get': (params) => ({
    params: { taskId: params.id, ...(params.pushNotificationConfigId ? { id: params.pushNotificationConfigId } : {}) },
    result: v1PushConfig,
  }),
  'tasks/pushNotificationConfig/list': (params) => ({
    params: { taskId: params.id },
    result: read(V1ListTaskPushNotificationConfigsResponseSchema, (response) =>
      response.configs.map(fromV1TaskPushNotificationConfig),
    ),
  }),
  'tasks/pushNotificationConfig/delete': (params) => ({
    params: { taskId: params.id, id: params.pushNotificationConfigId },
    result: z.unknown().transform(() => null),
  }),
  'agent/getAuthenticatedExtendedCard': () => ({ params: {}, result: read(V1AgentCardSchema, fromV1AgentCard) }),
};

/**
 * A2A 1.0: PascalCase methods, `StreamResponse` wrappers, `TASK_STATE_*` and `ROLE_*`, the
 * `A2A-Version: 1.0` header, and our resumable-stream extension asked for in `A2A-Extensions`. A 1.0 task stream closes at a terminal state, so a terminal Task is
 * an end too.
 */
const v1Dialect: WireDialect = {
  protocolVersion: '1.0',
  // Naming our extension keeps its resume semantics where 1.0 differs (a resubscribe to a
  // finished task gets its snapshot, not -32004); servers that do not know it ignore it.
  headers: {
    [protocolVersionHeader.toLowerCase()]: '1.0',
    [extensionsHeader.toLowerCase()]: resumableStreamExtension.uri,
  },
  call: (method, params) => {
    const wire = (v1Calls[method] as (params: unknown) => { params: unknown; result: z.ZodType })(params);
    return { method: v1MethodNames[method], params: wire.params, result: wire.result as never };
  },
  listTasks: (params) => ({
    method: 'ListTasks',
    params: toV1ListTasksRequest(params),
    result: read(V1ListTasksResponseSchema, fromV1ListTasksResponse),
  }),
  stream: (method, params) =>
    method === 'message/stream'
      ? { method: 'SendStreamingMessage', params: toV1SendMessageRequest(params as MethodParams<'message/stream'>) }
      : { method: 'SubscribeToTask', params: toV1TaskIdRequest(params as MethodParams<'tasks/resubscribe'>) },
  event: read(V1StreamResponseSchema, fromV1StreamResponse),
  isComplete: (event, isResubscribe) =>
    isStreamComplete(event, isResubscribe) || (event.kind === 'task' && isTerminalState(event.status.state)),
};

/** The dialect of an A2A version. */
export function wireDialect(protocolVersion: ProtocolVersion): WireDialect {
  return protocolVersion === '1.0' ? v1Dialect : legacyDialect;
}
