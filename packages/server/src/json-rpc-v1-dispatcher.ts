import {
  A2AError,
  ErrorCode,
  ListTasksParamsSchema,
  formatIssues,
  fromV1GetTaskRequest,
  fromV1ListTasksRequest,
  fromV1SendMessageRequest,
  fromV1TaskIdRequest,
  isTerminalState,
  methods,
  resumableStreamExtension,
  toV1ErrorObject,
  toV1ListTasksResponse,
  toV1SendMessageResponse,
  toV1Task,
  v1Methods,
} from '@a2a-mesh/protocol';
import type { AgentCard, JsonRpcId, V1AgentCard, V1MethodName } from '@a2a-mesh/protocol';
import type { z } from 'zod';
import { encodeV1Entry } from './encode-v1-entry.ts';
import type { DispatchContext, DispatchResult } from './json-rpc-dispatcher.ts';
import { toWireError } from './to-wire-error.ts';
import { listTasks } from './list-tasks.ts';
import { readCursor } from './read-cursor.ts';
import type { DefaultRequestHandler, EntryStream } from './request-handler.ts';
import type { TaskStore } from './task-store.ts';

/** What 1.0 needs beyond the request handler. */
export interface JsonRpcV1Options {
  /** The card as served: `SubscribeToTask` needs `capabilities.streaming` (1.0 §3.3.4). */
  card: () => AgentCard;
  /** The 1.0 form of a card, with the interfaces this server announces (`GetExtendedAgentCard`). */
  toV1Card: (card: AgentCard) => V1AgentCard;
  /** Where `ListTasks` reads; the handler has no listing of its own. */
  store: Pick<TaskStore, 'list'>;
}

type Params<TMethod extends V1MethodName> = z.infer<(typeof v1Methods)[TMethod]['params']>;

/**
 * The A2A 1.0 methods over the same, version-agnostic request handler: each request is checked
 * against its 1.0 schema, translated into our (0.3) model, checked against that method's 0.3 schema
 * (so both versions obey the same rules), and its result, events and errors translated back.
 *
 * Where 1.0 differs it is handled here, not in the handler: streams carry `StreamResponse`
 * wrappers and no `final` (they close after the last event, as they already do); `SubscribeToTask`
 * on a terminal task is -32004; errors carry `google.rpc.ErrorInfo` details; an error before a
 * stream starts is a plain JSON-RPC response (as a2a-js 1.x answers, and the 1.0 TCK expects).
 */
export class JsonRpcV1Dispatcher {
  constructor(
    private readonly handler: DefaultRequestHandler,
    private readonly options: JsonRpcV1Options,
  ) {}

  async dispatch(
    id: JsonRpcId,
    method: V1MethodName,
    params: unknown,
    context: DispatchContext,
  ): Promise<DispatchResult> {
    try {
      const definition = v1Methods[method];
      const parsed = definition.params.safeParse(params);
      if (!parsed.success) throw A2AError.of(ErrorCode.InvalidParams, formatIssues(parsed.error, 'params'));
      if (definition.streaming) {
        const entries = await this.#stream(method, parsed.data, context);
        return { kind: 'stream', id, entries, encode: encodeV1Entry };
      }
      return { kind: 'json', response: { jsonrpc: '2.0', id, result: await this.#call(method, parsed.data, context) } };
    } catch (error) {
      const logger = context.logger.child({
        method,
        requestId: id,
        ...(context.traceId ? { traceId: context.traceId } : {}),
      });
      return {
        kind: 'json',
        response: { jsonrpc: '2.0', id, error: toV1ErrorObject(toWireError(error, logger).toJSON()) },
      };
    }
  }

  async #stream(method: V1MethodName, params: unknown, context: DispatchContext): Promise<EntryStream> {
    const handler = this.handler;
    switch (method) {
      case 'SendStreamingMessage': {
        const internal = checked(
          methods['message/stream'].params,
          fromV1SendMessageRequest(params as Params<typeof method>),
        );
        return handler.streamMessage(internal, context.signal, call(context));
      }
      case 'SubscribeToTask': {
        const request = fromV1TaskIdRequest(params as Params<typeof method>);
        if (this.options.card().capabilities.streaming !== true) {
          throw A2AError.of(
            ErrorCode.UnsupportedOperation,
            'SubscribeToTask needs capabilities.streaming, which this agent does not declare',
          );
        }
        const cursor = readCursor(context.lastEventId, request.metadata);
        // 1.0 §3.1.6: a terminal task has no stream. A client of our resumable-stream extension
        // (it says so in A2A-Extensions, or sends a cursor) gets what 0.3 gives: the events it
        // missed, or the final snapshot under its sequence number, then the end of the stream.
        const resumable = context.extensions?.includes(resumableStreamExtension.uri) ?? false;
        if (cursor === undefined && !resumable) {
          const { status } = await handler.getTask({ id: request.id, historyLength: 0 });
          if (isTerminalState(status.state)) {
            throw A2AError.of(
              ErrorCode.UnsupportedOperation,
              `task ${request.id} is already ${status.state}, so there is nothing to subscribe to; GetTask returns it`,
            );
          }
        }
        return handler.resubscribe(request, cursor, context.signal);
      }
      default:
        throw A2AError.of(ErrorCode.InternalError, `${method} is not a streaming method`);
    }
  }

  async #call(method: V1MethodName, params: unknown, context: DispatchContext): Promise<unknown> {
    const handler = this.handler;
    switch (method) {
      case 'SendMessage': {
        const internal = checked(
          methods['message/send'].params,
          fromV1SendMessageRequest(params as Params<typeof method>),
        );
        return toV1SendMessageResponse(await handler.sendMessage(internal, context.signal, call(context)));
      }
      case 'GetTask':
        return toV1Task(await handler.getTask(fromV1GetTaskRequest(params as Params<typeof method>)));
      case 'ListTasks': {
        const internal = checked(ListTasksParamsSchema, fromV1ListTasksRequest(params as Params<typeof method>));
        return toV1ListTasksResponse(await listTasks(this.options.store, internal));
      }
      case 'CancelTask':
        return toV1Task(await handler.cancelTask(fromV1TaskIdRequest(params as Params<typeof method>)));
      case 'GetExtendedAgentCard':
        return this.options.toV1Card(await handler.getAuthenticatedExtendedCard());
      case 'CreateTaskPushNotificationConfig':
      case 'GetTaskPushNotificationConfig':
      case 'ListTaskPushNotificationConfigs':
      case 'DeleteTaskPushNotificationConfig':
        return handler.pushNotificationsUnsupported();
      case 'SendStreamingMessage':
      case 'SubscribeToTask':
        throw A2AError.of(ErrorCode.InternalError, `${method} is a streaming method`);
    }
  }
}

/** Params translated from 1.0, held to the rules of our model's schema. */
function checked<TSchema extends z.ZodType>(schema: TSchema, value: unknown): z.infer<TSchema> {
  const result = schema.safeParse(value);
  if (!result.success) throw A2AError.of(ErrorCode.InvalidParams, formatIssues(result.error, 'params'));
  return result.data;
}

function call(context: DispatchContext): { traceId?: string } {
  return context.traceId ? { traceId: context.traceId } : {};
}
