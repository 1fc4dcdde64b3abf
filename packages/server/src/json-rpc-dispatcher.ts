import {
  A2AError,
  ErrorCode,
  JsonRpcRequestSchema,
  formatIssues,
  isMethodName,
  isV1MethodName,
  methods,
  negotiateProtocolVersion,
  supportedProtocolVersions,
  toV1ErrorObject,
  versionNotSupportedError,
} from '@a2a-mesh/protocol';
import type { JsonRpcId, JsonRpcResponse, MethodName } from '@a2a-mesh/protocol';
import { JsonRpcV1Dispatcher } from './json-rpc-v1-dispatcher.ts';
import type { JsonRpcV1Options } from './json-rpc-v1-dispatcher.ts';
import type { Logger } from './logger.ts';
import { readCursor } from './read-cursor.ts';
import { toWireError } from './to-wire-error.ts';
import type { DefaultRequestHandler, EntryStream } from './request-handler.ts';
import type { LogEntry } from './task-store.ts';

export { toWireError } from './to-wire-error.ts';

/** What the transport must send back for one request. */
export type DispatchResult =
  | { readonly kind: 'json'; readonly response: JsonRpcResponse }
  | {
      readonly kind: 'stream';
      readonly id: JsonRpcId;
      readonly entries: EntryStream;
      /** The JSON of an entry's event as the `result` of its frame; default the 0.3 form, `entry.json`. */
      readonly encode?: (entry: LogEntry) => string;
    }
  /** A streaming method failed before its first event: sent as an SSE `error` event. */
  | { readonly kind: 'stream-error'; readonly id: JsonRpcId; readonly response: JsonRpcResponse };

/** Per-request facts the transport knows and the protocol does not. */
export interface DispatchContext {
  /** The `Last-Event-ID` header, if any. */
  readonly lastEventId?: string;
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** The caller's trace id (from `traceparent`), carried into the runs this request starts. */
  readonly traceId?: string;
  /** The `A2A-Version` header, if any (absent or empty means 0.3). */
  readonly protocolVersion?: string;
  /** The extension URIs the client asked for in `A2A-Extensions`. */
  readonly extensions?: readonly string[];
}

/** What the dispatcher needs besides the request handler. */
export interface JsonRpcDispatcherOptions {
  /** Serves the A2A 1.0 methods beside the 0.3 ones; without it, they are -32601. */
  v1?: JsonRpcV1Options;
}

/**
 * JSON-RPC 2.0 over the request handler: checks the envelope, then the method's params against
 * its schema, and turns every failure into the right error code with a message that names the
 * field. It never throws: whatever happens becomes a response.
 *
 * One endpoint speaks A2A 0.3 and 1.0. The `A2A-Version` header must name a version we speak
 * (absent means 0.3; anything else is -32009, listing ours); the method name then decides the
 * dialect, since the 0.3 names (`message/send`) and the 1.0 names (`SendMessage`) are disjoint. A
 * 1.0 name is served whatever supported version the header names, and so is a 0.3 name: a client
 * gets the dialect of the method it called. 1.0 requests go to {@link JsonRpcV1Dispatcher}.
 */
export class JsonRpcDispatcher {
  readonly #v1: JsonRpcV1Dispatcher | undefined;

  constructor(
    private readonly handler: DefaultRequestHandler,
    options: JsonRpcDispatcherOptions = {},
  ) {
    this.#v1 = options.v1 ? new JsonRpcV1Dispatcher(handler, options.v1) : undefined;
  }

  async dispatch(body: unknown, context: DispatchContext): Promise<DispatchResult> {
    const envelope = JsonRpcRequestSchema.safeParse(body);
    if (!envelope.success) {
      const id = readableId(body);
      const detail = formatIssues(envelope.error);
      return json(id, A2AError.of(ErrorCode.InvalidRequest, detail));
    }
    const { id, method, params } = envelope.data;
    const version = negotiateProtocolVersion(context.protocolVersion);
    if (version === undefined) {
      const error = versionNotSupportedError(context.protocolVersion ?? '', supportedProtocolVersions);
      return { kind: 'json', response: { jsonrpc: '2.0', id, error: toV1ErrorObject(error.toJSON()) } };
    }
    if (this.#v1 && isV1MethodName(method)) return this.#v1.dispatch(id, method, params, context);
    if (!isMethodName(method)) {
      const error = A2AError.of(ErrorCode.MethodNotFound, `"${method}" is not an A2A 0.3 or 1.0 method`);
      return version === '1.0'
        ? { kind: 'json', response: { jsonrpc: '2.0', id, error: toV1ErrorObject(error.toJSON()) } }
        : json(id, error);
    }
    const streaming = methods[method].streaming;
    const logger = context.logger.child({
      method,
      requestId: id,
      ...(context.traceId ? { traceId: context.traceId } : {}),
    });
    try {
      const parsed = methods[method].params.safeParse(params);
      if (!parsed.success) throw A2AError.of(ErrorCode.InvalidParams, formatIssues(parsed.error, 'params'));
      if (streaming) return { kind: 'stream', id, entries: await this.#stream(method, parsed.data, context) };
      return { kind: 'json', response: { jsonrpc: '2.0', id, result: await this.#call(method, parsed.data, context) } };
    } catch (error) {
      const wire = toWireError(error, logger);
      return streaming ? { kind: 'stream-error', id, response: errorResponse(id, wire) } : json(id, wire);
    }
  }

  #stream(method: MethodName, params: unknown, context: DispatchContext): Promise<EntryStream> {
    const handler = this.handler;
    switch (method) {
      case 'message/stream':
        return handler.streamMessage(params as never, context.signal, call(context));
      case 'tasks/resubscribe': {
        const typed = params as { id: string; metadata?: Record<string, unknown> };
        return handler.resubscribe(typed, readCursor(context.lastEventId, typed.metadata), context.signal);
      }
      default:
        throw A2AError.of(ErrorCode.InternalError, `${method} is not a streaming method`);
    }
  }

  #call(method: MethodName, params: unknown, context: DispatchContext): Promise<unknown> {
    const handler = this.handler;
    switch (method) {
      case 'message/send':
        return handler.sendMessage(params as never, context.signal, call(context));
      case 'tasks/get':
        return handler.getTask(params as never);
      case 'tasks/cancel':
        return handler.cancelTask(params as never);
      case 'agent/getAuthenticatedExtendedCard':
        return handler.getAuthenticatedExtendedCard();
      case 'tasks/pushNotificationConfig/set':
      case 'tasks/pushNotificationConfig/get':
      case 'tasks/pushNotificationConfig/list':
      case 'tasks/pushNotificationConfig/delete':
        return Promise.resolve().then(() => handler.pushNotificationsUnsupported());
      case 'message/stream':
      case 'tasks/resubscribe':
        throw A2AError.of(ErrorCode.InternalError, `${method} is a streaming method`);
    }
  }
}

function call(context: DispatchContext): { traceId?: string } {
  return context.traceId ? { traceId: context.traceId } : {};
}

/** The request's id when it is a valid one, else null (JSON-RPC 2.0 §5). */
function readableId(body: unknown): JsonRpcId | null {
  if (typeof body !== 'object' || body === null || !('id' in body)) return null;
  const id = (body as { id: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}

function errorResponse(id: JsonRpcId | null, error: A2AError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: error.toJSON() };
}

function json(id: JsonRpcId | null, error: A2AError): DispatchResult {
  return { kind: 'json', response: errorResponse(id, error) };
}
