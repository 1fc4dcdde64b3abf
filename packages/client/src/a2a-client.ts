import { ListTasksParamsSchema, formatIssues, methods } from '@a2a-mesh/protocol';
import type {
  AgentCard,
  ListTasksParams,
  ListTasksResult,
  MessageSendParams,
  MethodName,
  MethodParams,
  MethodResult,
  ProtocolVersion,
  SendMessageResult,
  Task,
  TaskPushNotificationConfig,
} from '@a2a-mesh/protocol';
import type { Agent } from 'undici';
import { A2AClientError } from './a2a-client-error.ts';
import type { A2AClientOptions, CallOptions, ReconnectInfo, StreamOptions } from './a2a-client-options.ts';
import { callWithRetry } from './call-with-retry.ts';
import { createResumableStream } from './create-resumable-stream.ts';
import type { StreamStart } from './create-resumable-stream.ts';
import { fetchAgentCardDocument } from './fetch-agent-card.ts';
import { JsonRpcTransport } from './json-rpc-transport.ts';
import { noopLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import type { StreamItem } from './read-stream-items.ts';
import { resolveRetryPolicy } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { selectInterface } from './select-interface.ts';
import { createDispatcher, defaultConnectTimeout, getSharedDispatcher } from './shared-dispatcher.ts';
import { wireDialect } from './wire-dialect.ts';
import type { WireDialect, WireRequest } from './wire-dialect.ts';

/** The methods that answer with one response rather than a stream: what {@link A2AClient.call} takes. */
export type UnaryMethodName = {
  [TMethod in MethodName]: (typeof methods)[TMethod]['streaming'] extends true ? never : TMethod;
}[MethodName];

/** Options of {@link A2AClient.resubscribe}. */
export interface ResubscribeOptions extends StreamOptions {
  /** The last sequence number already seen: the stream replays what came after it. */
  lastEventId?: number;
}

/** Options of {@link A2AClient.getTask}. */
export interface GetTaskOptions extends CallOptions {
  /** How many of the latest history messages to include. */
  historyLength?: number;
}

/** An asynchronous iterable of a task's events that reconnects by itself; see {@link createResumableStream}. */
export type TaskEventStream = AsyncGenerator<StreamItem, void, undefined>;

/**
 * A client of one A2A agent's JSON-RPC endpoint. Every result and stream event is validated
 * against the protocol schemas; an error the agent answers is thrown as an `A2AError` with the
 * wire's code, and anything else that goes wrong as an {@link A2AClientError}.
 *
 * It speaks A2A 0.3 or 1.0 (`protocolVersion`); callers see the same types either way: the
 * methods are named and shaped the 0.3 way, and 1.0 answers are translated into them.
 *
 * @example
 * ```ts
 * const client = await A2AClient.fromCardUrl('http://127.0.0.1:4000');
 * const message = { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text: 'hi' }] } as const;
 * for await (const { id, event } of client.streamMessage({ message })) console.log(id, event.kind);
 * ```
 */
export class A2AClient {
  /** The JSON-RPC endpoint requests go to. */
  readonly endpoint: URL;
  /** The card the endpoint was taken from, when the client was made from one. */
  readonly card: AgentCard | undefined;
  /** The A2A version the client speaks. */
  readonly protocolVersion: ProtocolVersion;
  readonly #dialect: WireDialect;
  readonly #transport: JsonRpcTransport;
  readonly #retry: RetryPolicy;
  readonly #logger: Logger;
  readonly #onReconnect: ((info: ReconnectInfo) => void) | undefined;
  readonly #ownDispatcher: Agent | undefined;

  /** A client of the JSON-RPC endpoint at `endpoint`, without fetching a card. */
  constructor(endpoint: string | URL, options: A2AClientOptions = {}) {
    this.endpoint = new URL(endpoint);
    this.card = options.card;
    this.protocolVersion = options.protocolVersion ?? '0.3';
    this.#dialect = wireDialect(this.protocolVersion);
    this.#retry = resolveRetryPolicy(options.retry);
    this.#logger = options.logger ?? noopLogger;
    this.#onReconnect = options.onReconnect;
    const timeouts = options.timeouts ?? {};
    const connect = timeouts.connect ?? defaultConnectTimeout;
    if (!options.dispatcher && connect !== defaultConnectTimeout) this.#ownDispatcher = createDispatcher(connect);
    this.#transport = new JsonRpcTransport({
      endpoint: this.endpoint,
      dispatcher: options.dispatcher ?? this.#ownDispatcher ?? getSharedDispatcher(),
      headers: options.headers,
      headersTimeout: timeouts.headers ?? 300_000,
      bodyTimeout: timeouts.bodyIdle ?? 60_000,
    });
  }

  /**
   * Fetches and validates the agent card at `url` (a card URL, or the agent's base URL: see
   * `agentCardCandidates`) and returns a client of the JSON-RPC endpoint the card prefers, in the
   * version it prefers there (see `selectInterface`); `options.protocolVersion` picks the
   * endpoint of that version instead.
   */
  static async fromCardUrl(
    url: string | URL,
    options: A2AClientOptions & { signal?: AbortSignal } = {},
  ): Promise<A2AClient> {
    const { signal, ...clientOptions } = options;
    const document = await fetchAgentCardDocument(url, {
      headers: options.headers,
      dispatcher: options.dispatcher,
      signal,
    });
    const chosen = selectInterface(document, options.protocolVersion);
    return new A2AClient(chosen.url, {
      ...clientOptions,
      card: document.card,
      protocolVersion: chosen.protocolVersion,
    });
  }

  /**
   * Calls any method that answers with one response, validating `params` before sending and the
   * result on arrival. A request that provably never reached the agent is retried per the
   * client's retry policy; nothing else is.
   */
  async call<TMethod extends UnaryMethodName>(
    method: TMethod,
    params: MethodParams<TMethod>,
    options: CallOptions = {},
  ): Promise<MethodResult<TMethod>> {
    const definition = methods[method];
    if (definition.streaming) throw new TypeError(`${method} answers with a stream; use streamMessage or resubscribe`);
    const checked = definition.params.safeParse(params);
    if (!checked.success) {
      throw new A2AClientError(
        'invalid-params',
        `Invalid params for ${method}: ${formatIssues(checked.error, 'params')}`,
      );
    }
    return this.#send(method, this.#dialect.call(method, params), options);
  }

  /**
   * `ListTasks` (A2A 1.0 only): the agent's tasks, newest first, a page at a time; pass a result's
   * `nextPageToken` as `pageToken` for the next page. Speaking 0.3, which has no such method, it
   * throws an `A2AClientError` (`invalid-params`) without sending anything.
   */
  async listTasks(params: ListTasksParams = {}, options: CallOptions = {}): Promise<ListTasksResult> {
    const checked = ListTasksParamsSchema.safeParse(params);
    if (!checked.success) {
      throw new A2AClientError(
        'invalid-params',
        `Invalid params for ListTasks: ${formatIssues(checked.error, 'params')}`,
      );
    }
    const wire = this.#dialect.listTasks(checked.data);
    if (!wire) {
      throw new A2AClientError(
        'invalid-params',
        `ListTasks is an A2A 1.0 method; this client speaks ${this.protocolVersion} to ${this.endpoint.href}`,
      );
    }
    return this.#send('ListTasks', wire, options);
  }

  /** `message/send`: sends a message and returns the task it created or continued, or the agent's reply. */
  sendMessage(params: MessageSendParams, options?: CallOptions): Promise<SendMessageResult> {
    return this.call('message/send', params, options);
  }

  /**
   * `message/stream`: sends a message and yields the task's events as they happen, resuming
   * across dropped connections. The request is sent when iteration starts; breaking out of the
   * loop or aborting `options.signal` closes the connection.
   */
  streamMessage(params: MessageSendParams, options: StreamOptions = {}): TaskEventStream {
    const checked = methods['message/stream'].params.safeParse(params);
    if (!checked.success) {
      throw new A2AClientError(
        'invalid-params',
        `Invalid params for message/stream: ${formatIssues(checked.error, 'params')}`,
      );
    }
    return this.#stream({ method: 'message/stream', params }, options);
  }

  /**
   * `tasks/resubscribe`: yields a task's events from after `options.lastEventId` (or, without
   * one, from a snapshot of the task), then live ones, resuming across dropped connections.
   */
  resubscribe(taskId: string, options: ResubscribeOptions = {}): TaskEventStream {
    if (taskId === '')
      throw new A2AClientError('invalid-params', 'Invalid params for tasks/resubscribe: params.id: empty');
    const { lastEventId } = options;
    if (lastEventId !== undefined && !(Number.isSafeInteger(lastEventId) && lastEventId >= 0)) {
      throw new A2AClientError('invalid-params', `lastEventId must be a non-negative integer, got ${lastEventId}`);
    }
    return this.#stream({ method: 'tasks/resubscribe', taskId, lastEventId }, options);
  }

  /** `tasks/get`: the task with (at most `historyLength` of) its history. */
  getTask(taskId: string, options: GetTaskOptions = {}): Promise<Task> {
    const { historyLength, ...callOptions } = options;
    return this.call(
      'tasks/get',
      historyLength === undefined ? { id: taskId } : { id: taskId, historyLength },
      callOptions,
    );
  }

  /** `tasks/cancel`: asks the agent to cancel the task and returns it as it then stands. */
  cancelTask(taskId: string, options?: CallOptions): Promise<Task> {
    return this.call('tasks/cancel', { id: taskId }, options);
  }

  /** `tasks/pushNotificationConfig/set`: registers a webhook for the task's updates. */
  setTaskPushNotificationConfig(
    config: TaskPushNotificationConfig,
    options?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    return this.call('tasks/pushNotificationConfig/set', config, options);
  }

  /** `tasks/pushNotificationConfig/get`: one webhook of the task (the first, without an id). */
  getTaskPushNotificationConfig(
    taskId: string,
    options: CallOptions & { pushNotificationConfigId?: string } = {},
  ): Promise<TaskPushNotificationConfig> {
    const { pushNotificationConfigId, ...callOptions } = options;
    const params = pushNotificationConfigId === undefined ? { id: taskId } : { id: taskId, pushNotificationConfigId };
    return this.call('tasks/pushNotificationConfig/get', params, callOptions);
  }

  /** `tasks/pushNotificationConfig/list`: every webhook of the task. */
  listTaskPushNotificationConfigs(taskId: string, options?: CallOptions): Promise<TaskPushNotificationConfig[]> {
    return this.call('tasks/pushNotificationConfig/list', { id: taskId }, options);
  }

  /** `tasks/pushNotificationConfig/delete`: removes one webhook of the task. */
  async deleteTaskPushNotificationConfig(
    taskId: string,
    pushNotificationConfigId: string,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('tasks/pushNotificationConfig/delete', { id: taskId, pushNotificationConfigId }, options);
  }

  /** `agent/getAuthenticatedExtendedCard`: the card with what only authenticated callers may see. */
  getAuthenticatedExtendedCard(options?: CallOptions): Promise<AgentCard> {
    return this.call('agent/getAuthenticatedExtendedCard', undefined, options);
  }

  /** Sends a request translated by the dialect, retrying only while it provably never left. */
  #send<TResult>(method: string, wire: WireRequest<TResult>, options: CallOptions): Promise<TResult> {
    const send = () =>
      this.#transport.call(wire.method, wire.params, wire.result, {
        ...options,
        protocolHeaders: this.#dialect.headers,
      });
    return callWithRetry(send, { method, retry: this.#retry, logger: this.#logger, signal: options.signal });
  }

  /** Closes the connection pool the client created for itself, if any; the shared one stays open. */
  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }

  #stream(start: StreamStart, options: StreamOptions): TaskEventStream {
    return createResumableStream(start, {
      transport: this.#transport,
      retry: options.retry ? resolveRetryPolicy({ ...this.#retry, ...options.retry }) : this.#retry,
      logger: this.#logger,
      onReconnect: this.#onReconnect,
      signal: options.signal,
      headers: options.headers,
      dialect: this.#dialect,
      ...(this.protocolVersion === '1.0' ? { getTask: (taskId, signal) => this.getTask(taskId, { signal }) } : {}),
    });
  }
}
