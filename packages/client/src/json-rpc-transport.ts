import { A2AError, JsonRpcErrorResponseSchema, StreamEventSchema } from '@a2a-mesh/protocol';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { A2AClientError } from './a2a-client-error.ts';
import type { CallOptions, HeaderSource } from './a2a-client-options.ts';
import { parseJsonRpcResult } from './parse-json-rpc-result.ts';
import { readServerSentEvents } from './read-server-sent-events.ts';
import type { ServerSentEvent } from './read-server-sent-events.ts';

/** How a {@link JsonRpcTransport} reaches its endpoint. */
export interface JsonRpcTransportOptions {
  endpoint: URL;
  dispatcher: Dispatcher;
  headers?: HeaderSource | undefined;
  /** Milliseconds until response headers; `0` for none. */
  headersTimeout: number;
  /** Milliseconds of silence allowed between body chunks; `0` for none. */
  bodyTimeout: number;
}

/** Per-request options of a {@link JsonRpcTransport}: the call's options plus extra headers. */
export interface TransportRequestOptions extends CallOptions {
  /** Headers this request needs for protocol reasons, such as `Last-Event-ID`. */
  protocolHeaders?: Record<string, string>;
}

/**
 * JSON-RPC 2.0 over HTTP POST with undici: one request per call, a JSON answer for ordinary
 * methods and an SSE answer for streaming ones. Knows nothing of A2A beyond the stream's error
 * frames; validation of results is the caller's schema.
 */
export class JsonRpcTransport {
  readonly #options: JsonRpcTransportOptions;
  #nextId = 1;

  constructor(options: JsonRpcTransportOptions) {
    this.#options = options;
  }

  /** The JSON-RPC endpoint. */
  get endpoint(): URL {
    return this.#options.endpoint;
  }

  /** Calls a method that answers with one JSON-RPC response and returns its validated result. */
  async call<TSchema extends z.ZodType>(
    method: string,
    params: unknown,
    schema: TSchema,
    options: TransportRequestOptions = {},
  ): Promise<z.infer<TSchema>> {
    const requestId = this.#nextId++;
    const response = await this.#post(requestId, method, params, 'application/json', options);
    const text = await readText(response, options.signal);
    if (response.statusCode < 200 || response.statusCode > 299) throw httpError(method, response.statusCode, text);
    return parseJsonRpcResult(parseJson(method, response, text), { method, schema, requestId });
  }

  /**
   * Calls a streaming method and returns its SSE messages once the response headers show a
   * stream. An error the server reports before streaming, as a plain JSON-RPC error response,
   * is thrown as an `A2AError`.
   */
  async openStream(
    method: string,
    params: unknown,
    options: TransportRequestOptions = {},
  ): Promise<AsyncIterable<ServerSentEvent>> {
    const requestId = this.#nextId++;
    const response = await this.#post(requestId, method, params, 'text/event-stream', options);
    const contentType = headerValue(response.headers['content-type']);
    const isStream = contentType?.toLowerCase().startsWith('text/event-stream') ?? false;
    if (isStream && response.statusCode >= 200 && response.statusCode <= 299) {
      return readServerSentEvents(response.body);
    }
    const text = await readText(response, options.signal);
    if (response.statusCode < 200 || response.statusCode > 299) throw httpError(method, response.statusCode, text);
    // Throws the A2AError of an error response; a success is still not a stream.
    parseJsonRpcResult(parseJson(method, response, text), { method, schema: StreamEventSchema, requestId });
    throw new A2AClientError(
      'malformed-response',
      `Malformed response to ${method}: expected text/event-stream, got ${contentType ?? 'no content type'}`,
    );
  }

  async #post(
    requestId: number,
    method: string,
    params: unknown,
    accept: string,
    options: TransportRequestOptions,
  ): Promise<Dispatcher.ResponseData> {
    const { signal } = options;
    signal?.throwIfAborted();
    const source = this.#options.headers;
    const headers = mergeHeaders(
      typeof source === 'function' ? await source() : source,
      options.headers,
      options.protocolHeaders,
      { 'content-type': 'application/json', accept },
    );
    const body = JSON.stringify({ jsonrpc: '2.0', id: requestId, method, params });
    try {
      return await request(this.#options.endpoint, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.#options.dispatcher,
        signal,
        headersTimeout: this.#options.headersTimeout,
        bodyTimeout: this.#options.bodyTimeout,
      });
    } catch (error) {
      signal?.throwIfAborted();
      throw new A2AClientError(
        'request-failed',
        `${method} to ${this.#options.endpoint.href} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

async function readText(response: Dispatcher.ResponseData, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    signal?.throwIfAborted();
    throw new A2AClientError('request-failed', `Reading the response failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function parseJson(method: string, response: Dispatcher.ResponseData, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const contentType = headerValue(response.headers['content-type']) ?? 'no content type';
    throw new A2AClientError(
      'malformed-response',
      `Malformed response to ${method}: not JSON (${contentType}): ${snippet(text)}`,
    );
  }
}

/** A non-2xx status: the JSON-RPC error in its body if there is one (413 carries one), else the status. */
function httpError(method: string, statusCode: number, text: string): Error {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const response = JsonRpcErrorResponseSchema.safeParse(payload);
  if (response.success) return A2AError.fromJson(response.data.error);
  return new A2AClientError('http-error', `${method} failed with HTTP ${statusCode}: ${snippet(text)}`, {
    statusCode,
  });
}

/** Later records win; names are compared case-insensitively, as HTTP does. */
function mergeHeaders(...records: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const record of records) {
    for (const [name, value] of Object.entries(record ?? {})) merged[name.toLowerCase()] = value;
  }
  return merged;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function snippet(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact.length > 200 ? `${compact.slice(0, 200)}…` : compact || '(empty body)';
}
