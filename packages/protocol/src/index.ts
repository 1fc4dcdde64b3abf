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
export {
  V1AgentCapabilitiesSchema,
  V1AgentCardSchema,
  V1AgentExtensionSchema,
  V1AgentInterfaceSchema,
  V1AgentSkillSchema,
  fromV1AgentCard,
  interfacesOf,
  majorMinor,
  toV1AgentCard,
} from './v1/agent-card.ts';
export type { V1AgentCard, V1AgentInterface } from './v1/agent-card.ts';
export { V1RoleSchema, V1TaskStateSchema, fromV1Role, fromV1TaskState, toV1Role, toV1TaskState } from './v1/enums.ts';
export type { V1Role, V1TaskState } from './v1/enums.ts';
export {
  V1ErrorCode,
  a2aErrorDomain,
  errorInfoType,
  errorReasons,
  fromV1ErrorObject,
  toV1ErrorObject,
  v1DefaultErrorMessages,
  versionNotSupportedError,
} from './v1/errors.ts';
export type { V1ErrorDetail } from './v1/errors.ts';
export {
  V1SendMessageResponseSchema,
  V1StreamResponseSchema,
  V1TaskArtifactUpdateEventSchema,
  V1TaskStatusUpdateEventSchema,
  fromV1SendMessageResponse,
  fromV1StreamResponse,
  fromV1TaskArtifactUpdateEvent,
  fromV1TaskStatusUpdateEvent,
  toV1SendMessageResponse,
  toV1StreamResponse,
  toV1TaskArtifactUpdateEvent,
  toV1TaskStatusUpdateEvent,
} from './v1/events.ts';
export type {
  V1SendMessageResponse,
  V1StreamResponse,
  V1TaskArtifactUpdateEvent,
  V1TaskStatusUpdateEvent,
} from './v1/events.ts';
export {
  ListTasksParamsSchema,
  V1ListTasksRequestSchema,
  V1ListTasksResponseSchema,
  fromV1ListTasksRequest,
  fromV1ListTasksResponse,
  toV1ListTasksRequest,
  toV1ListTasksResponse,
} from './v1/list-tasks.ts';
export type { ListTasksParams, ListTasksResult, V1ListTasksRequest, V1ListTasksResponse } from './v1/list-tasks.ts';
export { V1MessageSchema, fromV1Message, toV1Message } from './v1/message.ts';
export type { V1Message } from './v1/message.ts';
export { isV1MethodName, v1MethodNames, v1Methods } from './v1/methods.ts';
export type { V1MethodName } from './v1/methods.ts';
export { V1PartSchema, dataPartCompatKey, fromV1Part, toV1Part } from './v1/parts.ts';
export type { V1Part } from './v1/parts.ts';
export { negotiateProtocolVersion, protocolVersionHeader, supportedProtocolVersions } from './v1/protocol-version.ts';
export type { ProtocolVersion } from './v1/protocol-version.ts';
export {
  V1ListTaskPushNotificationConfigsRequestSchema,
  V1ListTaskPushNotificationConfigsResponseSchema,
  V1TaskPushNotificationConfigRequestSchema,
  V1TaskPushNotificationConfigSchema,
  fromV1PushNotificationConfig,
  fromV1TaskPushNotificationConfig,
  toV1PushNotificationConfig,
  toV1TaskPushNotificationConfig,
} from './v1/push-notification.ts';
export type { V1TaskPushNotificationConfig } from './v1/push-notification.ts';
export { readAgentCard } from './v1/read-agent-card.ts';
export { extensionsHeader, legacyExtensionsHeader, requestedExtensions } from './v1/requested-extensions.ts';
export type { AgentCardDocument, ReadAgentCardResult } from './v1/read-agent-card.ts';
export {
  V1OAuthFlowsSchema,
  V1SecurityRequirementSchema,
  V1SecuritySchemeSchema,
  fromV1SecurityRequirement,
  fromV1SecurityScheme,
  toV1SecurityRequirement,
  toV1SecurityScheme,
} from './v1/security.ts';
export type { V1OAuthFlows, V1SecurityRequirement, V1SecurityScheme } from './v1/security.ts';
export {
  V1SendMessageConfigurationSchema,
  V1SendMessageRequestSchema,
  fromV1SendMessageRequest,
  toV1SendMessageRequest,
} from './v1/send-message.ts';
export type { V1SendMessageConfiguration, V1SendMessageRequest } from './v1/send-message.ts';
export {
  V1GetTaskRequestSchema,
  V1TaskIdRequestSchema,
  fromV1GetTaskRequest,
  fromV1TaskIdRequest,
  toV1GetTaskRequest,
  toV1TaskIdRequest,
} from './v1/task-requests.ts';
export type { V1GetTaskRequest, V1TaskIdRequest } from './v1/task-requests.ts';
export {
  V1ArtifactSchema,
  V1TaskSchema,
  V1TaskStatusSchema,
  fromV1Artifact,
  fromV1Task,
  fromV1TaskStatus,
  toV1Artifact,
  toV1Task,
  toV1TaskStatus,
} from './v1/task.ts';
export type { V1Artifact, V1Task, V1TaskStatus } from './v1/task.ts';
