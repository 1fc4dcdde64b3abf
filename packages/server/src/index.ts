export type {
  AgentExecutor,
  ArtifactOptions,
  EventPublisher,
  RequestContext,
  StatusOptions,
} from './agent-executor.ts';
export { createAgentServer } from './agent-server.ts';
export type { AgentCardInput, AgentServer, AgentServerOptions } from './agent-server.ts';
export { createExpressApp } from './express-app.ts';
export type { ExpressAppOptions, ExtraRoutes } from './express-app.ts';
export { InMemoryTaskStore } from './in-memory-task-store.ts';
export { JsonRpcDispatcher } from './json-rpc-dispatcher.ts';
export type { DispatchContext, DispatchResult } from './json-rpc-dispatcher.ts';
export { silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export { textOf, toAgentMessage } from './messages.ts';
export type { MessageContent } from './messages.ts';
export { DefaultRequestHandler } from './request-handler.ts';
export type { CallContext, EntryStream, RequestHandlerOptions } from './request-handler.ts';
export { stopOnSignals } from './signals.ts';
export { defaultSseOptions } from './sse-stream.ts';
export type { SseOptions } from './sse-stream.ts';
export { defaultPacingOptions, StreamPacer } from './stream-pacer.ts';
export type { PacingOptions, SubscriberPosition } from './stream-pacer.ts';
export { InProcessTaskControl } from './task-control.ts';
export type { ReleaseClaim, TaskControl } from './task-control.ts';
export { CursorExpiredError, defaultRetention } from './task-store.ts';
export type { ListTasksQuery, LogEntry, RetentionOptions, TaskPage, TaskRecord, TaskStore } from './task-store.ts';
export { TaskRun } from './task-run.ts';
export { ServerMetrics } from './server-metrics.ts';
export { traceIdOf, traceparentFor } from './trace-context.ts';
