import {
  A2AError,
  ErrorCode,
  JsonRpcRequestSchema,
  formatIssues,
  isMethodName,
  methods,
  resumableStreamExtension,
} from '@a2a-mesh/protocol';
import type { JsonRpcId, JsonRpcResponse, MethodName } from '@a2a-mesh/protocol';
import type { Logger } from './logger.ts';
import type { DefaultRequestHandler, EntryStream } from './request-handler.ts';

/** What the transport must send back for one request. */
export type DispatchResult =
  | { readonly kind: 'json'; readonly response: JsonRpcResponse }
  | { readonly kind: 'stream'; readonly id: JsonRpcId; readonly entries: EntryStream }
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
}

/**
 * JSON-RPC 2.0 over the request handler: checks the envelope, then the method's params against
 * its schema, and turns every failure into the right error code with a message that names the
 * field. It never throws: whatever happens becomes a response.
 */
export class JsonRpcDispatcher {
  constructor(private readonly handler: DefaultRequestHandler) {}

  async dispatch(body: unknown, context: DispatchContext): Promise<DispatchResult> {
    const envelope = JsonRpcRequestSchema.safeParse(body);
    if (!envelope.success) {
      const id = readableId(body);
      const detail = formatIssues(envelope.error);
      return json(id, A2AError.of(ErrorCode.InvalidRequest, detail));
    }
    const { id, method, params } = envelope.data;
    if (!isMethodName(method)) {
      return json(id, A2AError.of(ErrorCode.MethodNotFound, `"${method}" is not an A2A 0.3.0 method`));
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

/**
 * The resume cursor: the `Last-Event-ID` header wins over `params.metadata` (a browser's
 * EventSource sends the header by itself). Both must be a non-negative integer.
 */
function readCursor(header: string | undefined, metadata: Record<string, unknown> | undefined): number | undefined {
  const key = resumableStreamExtension.lastEventIdKey;
  const raw = header ?? metadata?.[key];
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    const field = header === undefined ? `params.metadata["${key}"]` : 'the Last-Event-ID header';
    throw A2AError.of(
      ErrorCode.InvalidParams,
      `${field}: expected a non-negative integer, received ${JSON.stringify(raw)}`,
    );
  }
  return value;
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

/** Protocol errors pass through; anything else is logged and becomes -32603 with no details. */
export function toWireError(error: unknown, logger: Logger): A2AError {
  if (error instanceof A2AError) return error;
  logger.error({ err: error }, 'request failed');
  return A2AError.of(ErrorCode.InternalError);
}

function errorResponse(id: JsonRpcId | null, error: A2AError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: error.toJSON() };
}

function json(id: JsonRpcId | null, error: A2AError): DispatchResult {
  return { kind: 'json', response: errorResponse(id, error) };
}
