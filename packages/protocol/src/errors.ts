/**
 * Error codes that cross the wire (JSON-RPC 2.0 and A2A 0.3.0 §8), with the spec's default
 * messages. Keep the default text at the start of every message: conformance suites match on it.
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  TaskNotFound: -32001,
  TaskNotCancelable: -32002,
  PushNotificationNotSupported: -32003,
  UnsupportedOperation: -32004,
  ContentTypeNotSupported: -32005,
  InvalidAgentResponse: -32006,
  AuthenticatedExtendedCardNotConfigured: -32007,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The default message the spec gives each code. */
export const defaultErrorMessages: Readonly<Record<ErrorCode, string>> = {
  [-32700]: 'Invalid JSON payload',
  [-32600]: 'Request payload validation error',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid parameters',
  [-32603]: 'Internal error',
  [-32001]: 'Task not found',
  [-32002]: 'Task cannot be canceled',
  [-32003]: 'Push Notification is not supported',
  [-32004]: 'This operation is not supported',
  [-32005]: 'Incompatible content types',
  [-32006]: 'Invalid agent response',
  [-32007]: 'Authenticated Extended Card is not configured',
};

/** The `error` member of a JSON-RPC error response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * A protocol error: thrown by the server to answer a request with a JSON-RPC error, and rebuilt
 * by the client from the wire so callers can switch on `code`.
 */
export class A2AError extends Error {
  override readonly name = 'A2AError';

  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  /** An error with the spec's default message, followed by a detail a person can act on. */
  static of(code: ErrorCode, detail?: string, data?: unknown): A2AError {
    const base = defaultErrorMessages[code];
    return new A2AError(code, detail ? `${base}: ${detail}` : base, data);
  }

  /** Rebuilds an error received from the wire. */
  static fromJson(error: JsonRpcErrorObject): A2AError {
    return new A2AError(error.code, error.message, error.data);
  }

  toJSON(): JsonRpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}
