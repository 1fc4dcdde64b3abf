export {
  AgentCapabilitiesSchema,
  AgentCardSchema,
  AgentCardSignatureSchema,
  AgentExtensionSchema,
  AgentInterfaceSchema,
  AgentProviderSchema,
  AgentSkillSchema,
  OAuthFlowsSchema,
  SecurityRequirementsSchema,
  SecuritySchemeSchema,
  TransportProtocolSchema,
} from './agent-card.ts';
export type {
  AgentCapabilities,
  AgentCard,
  AgentExtension,
  AgentInterface,
  AgentSkill,
  OAuthFlows,
  SecurityScheme,
} from './agent-card.ts';
export { applyTaskEvent } from './apply-task-event.ts';
export { A2AError, ErrorCode, defaultErrorMessages } from './errors.ts';
export type { JsonRpcErrorObject } from './errors.ts';
export {
  StreamEventSchema,
  TaskArtifactUpdateEventSchema,
  TaskStatusUpdateEventSchema,
  TaskUpdateEventSchema,
} from './events.ts';
export type { StreamEvent, TaskArtifactUpdateEvent, TaskStatusUpdateEvent, TaskUpdateEvent } from './events.ts';
export { protocolVersion, resumableStreamExtension } from './extension.ts';
export { formatIssues, formatPath } from './format-issues.ts';
export {
  JsonRpcErrorObjectSchema,
  JsonRpcErrorResponseSchema,
  JsonRpcIdSchema,
  JsonRpcRequestSchema,
  JsonRpcResponseSchema,
  JsonRpcSuccessResponseSchema,
} from './json-rpc.ts';
export type { JsonRpcId, JsonRpcRequest, JsonRpcResponse } from './json-rpc.ts';
export { MessageSchema, OutgoingMessageSchema, RoleSchema } from './message.ts';
export type { Message, Role } from './message.ts';
export {
  DeleteTaskPushNotificationConfigParamsSchema,
  GetTaskPushNotificationConfigParamsSchema,
  MessageSendConfigurationSchema,
  MessageSendParamsSchema,
  SendMessageResultSchema,
  TaskIdParamsSchema,
  TaskQueryParamsSchema,
  isMethodName,
  methods,
} from './methods.ts';
export type {
  MessageSendConfiguration,
  MessageSendParams,
  MethodName,
  MethodParams,
  MethodResult,
  SendMessageResult,
  TaskIdParams,
  TaskQueryParams,
} from './methods.ts';
export {
  DataPartSchema,
  FilePartSchema,
  FileWithBytesSchema,
  FileWithUriSchema,
  MetadataSchema,
  PartSchema,
  TextPartSchema,
} from './parts.ts';
export type { DataPart, FilePart, FileWithBytes, FileWithUri, Metadata, Part, TextPart } from './parts.ts';
export {
  PushNotificationAuthenticationInfoSchema,
  PushNotificationConfigSchema,
  TaskPushNotificationConfigSchema,
} from './push-notification.ts';
export type { PushNotificationConfig, TaskPushNotificationConfig } from './push-notification.ts';
export {
  ArtifactSchema,
  TaskSchema,
  TaskStateSchema,
  TaskStatusSchema,
  isInterruptedState,
  isTerminalState,
} from './task.ts';
export type { Artifact, Task, TaskState, TaskStatus } from './task.ts';
