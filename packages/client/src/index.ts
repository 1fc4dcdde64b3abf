export { A2AClient } from './a2a-client.ts';
export type { GetTaskOptions, ResubscribeOptions, TaskEventStream, UnaryMethodName } from './a2a-client.ts';
export { A2AClientError } from './a2a-client-error.ts';
export type { A2AClientErrorCode, A2AClientErrorDetails } from './a2a-client-error.ts';
export type {
  A2AClientOptions,
  CallOptions,
  HeaderSource,
  ReconnectInfo,
  StreamOptions,
  Timeouts,
} from './a2a-client-options.ts';
export { agentCardCandidates, fetchAgentCard, fetchAgentCardDocument } from './fetch-agent-card.ts';
export type { FetchAgentCardOptions } from './fetch-agent-card.ts';
export { isStreamComplete } from './is-stream-complete.ts';
export { noopLogger } from './logger.ts';
export type { LogFunction, Logger } from './logger.ts';
export { readServerSentEvents } from './read-server-sent-events.ts';
export type { ReadServerSentEventsOptions, ServerSentEvent } from './read-server-sent-events.ts';
export type { StreamItem } from './read-stream-items.ts';
export { defaultRetryPolicy } from './retry-policy.ts';
export { selectInterface } from './select-interface.ts';
export type { SelectedInterface } from './select-interface.ts';
export type { RetryPolicy } from './retry-policy.ts';
