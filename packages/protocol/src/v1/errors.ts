import { A2AError } from '../errors.ts';
import type { JsonRpcErrorObject } from '../errors.ts';

/** The error codes A2A 1.0 adds to those of 0.3 (`ErrorCode`). */
export const V1ErrorCode = {
  ExtensionSupportRequired: -32008,
  VersionNotSupported: -32009,
} as const;

/** The default messages of the codes 1.0 adds, as the a2a-js SDK writes them. */
export const v1DefaultErrorMessages: Readonly<Record<number, string>> = {
  [-32008]: 'Extension support required',
  [-32009]: 'Version not supported',
};

/** The `@type` of a `google.rpc.ErrorInfo` packed in an `Any`. */
export const errorInfoType = 'type.googleapis.com/google.rpc.ErrorInfo';
/** The `domain` of every A2A `ErrorInfo`. */
export const a2aErrorDomain = 'a2a-protocol.org';
const structType = 'type.googleapis.com/google.protobuf.Struct';

/** The `ErrorInfo.reason` of each A2A error (1.0 §10.6 / §11.6), keyed by JSON-RPC code. */
export const errorReasons: Readonly<Record<number, string>> = {
  [-32001]: 'TASK_NOT_FOUND',
  [-32002]: 'TASK_NOT_CANCELABLE',
  [-32003]: 'PUSH_NOTIFICATION_NOT_SUPPORTED',
  [-32004]: 'UNSUPPORTED_OPERATION',
  [-32005]: 'CONTENT_TYPE_NOT_SUPPORTED',
  [-32006]: 'INVALID_AGENT_RESPONSE',
  [-32007]: 'EXTENDED_AGENT_CARD_NOT_CONFIGURED',
  [-32008]: 'EXTENSION_SUPPORT_REQUIRED',
  [-32009]: 'VERSION_NOT_SUPPORTED',
  [-32602]: 'INVALID_PARAMS',
};

/** One `google.rpc` detail in a 1.0 error's `data` list: an `Any` naming its type. */
export interface V1ErrorDetail {
  '@type': string;
  [field: string]: unknown;
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((entry) => typeof entry === 'string');

/**
 * An error as 1.0 writes it: `data` is a list of `google.rpc` details. An A2A error carries an
 * `ErrorInfo` with its reason and the `a2a-protocol.org` domain; our own `data`, when it has any,
 * becomes the `ErrorInfo` metadata (string values) or a `google.protobuf.Struct` detail.
 */
export function toV1ErrorObject(error: JsonRpcErrorObject): JsonRpcErrorObject {
  const reason = errorReasons[error.code];
  const details: V1ErrorDetail[] = [];
  const asMetadata = reason !== undefined && isStringRecord(error.data) ? error.data : undefined;
  if (reason) {
    details.push({
      '@type': errorInfoType,
      reason,
      domain: a2aErrorDomain,
      ...(asMetadata ? { metadata: asMetadata } : {}),
    });
  }
  if (error.data !== undefined && !asMetadata) details.push({ '@type': structType, value: error.data });
  return { code: error.code, message: error.message, ...(details.length > 0 ? { data: details } : {}) };
}

/** A 1.0 error in our model: the details {@link toV1ErrorObject} wrote become `data` again. */
export function fromV1ErrorObject(error: JsonRpcErrorObject): JsonRpcErrorObject {
  const details = Array.isArray(error.data) ? (error.data as unknown[]) : [];
  const isDetail = (value: unknown): value is V1ErrorDetail =>
    typeof value === 'object' && value !== null && '@type' in value;
  const struct = details.find((detail) => isDetail(detail) && detail['@type'] === structType) as
    V1ErrorDetail | undefined;
  const info = details.find((detail) => isDetail(detail) && detail['@type'] === errorInfoType) as
    V1ErrorDetail | undefined;
  const data = struct ? struct.value : info?.metadata;
  return { code: error.code, message: error.message, ...(data === undefined ? {} : { data }) };
}

/**
 * -32009 for an `A2A-Version` this agent does not speak; the message and the data both list the
 * versions it does.
 */
export function versionNotSupportedError(requested: string, supported: readonly string[]): A2AError {
  return new A2AError(
    V1ErrorCode.VersionNotSupported,
    `${v1DefaultErrorMessages[V1ErrorCode.VersionNotSupported]}: A2A-Version ${JSON.stringify(requested)}; ` +
      `this agent speaks ${supported.join(', ')}`,
    { requestedVersion: requested, supportedVersions: supported.join(',') },
  );
}
