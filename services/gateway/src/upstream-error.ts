import { A2AClientError } from '@a2a-mesh/client';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import { GatewayError } from './gateway-error.ts';

/**
 * What a failed call to the orchestrator means for the gateway's caller, or `undefined` when the
 * failure is not the orchestrator's (a bug of ours: the caller logs it and answers 500).
 *
 * The orchestrator's own messages start with the A2A default text and name the task, so they are
 * passed on as they are; network details (addresses, ports) stay in the gateway's log.
 */
export function upstreamError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof A2AError) return fromProtocolError(error);
  if (error instanceof A2AClientError) return fromClientError(error);
  return undefined;
}

function fromProtocolError(error: A2AError): GatewayError {
  switch (error.code) {
    case ErrorCode.TaskNotFound:
      return new GatewayError(404, 'task-not-found', error.message);
    case ErrorCode.TaskNotCancelable:
      return new GatewayError(409, 'task-not-cancelable', error.message);
    case ErrorCode.UnsupportedOperation:
      return new GatewayError(409, 'unsupported-operation', error.message);
    case ErrorCode.InvalidParams:
    case ErrorCode.ContentTypeNotSupported:
      return new GatewayError(400, 'invalid-request', error.message);
    default:
      return new GatewayError(
        502,
        'invalid-upstream-answer',
        `The orchestrator answered with error ${error.code}: ${error.message}`,
      );
  }
}

function fromClientError(error: A2AClientError): GatewayError {
  switch (error.code) {
    case 'request-failed':
    case 'stream-interrupted':
    case 'resume-exhausted':
    case 'http-error':
      return new GatewayError(
        502,
        'orchestrator-unreachable',
        error.code === 'http-error' && error.statusCode !== undefined
          ? `The orchestrator could not be reached: it answered HTTP ${error.statusCode}`
          : 'The orchestrator could not be reached; try again shortly',
      );
    case 'malformed-response':
    case 'invalid-card':
      return new GatewayError(502, 'invalid-upstream-answer', `The orchestrator's answer is invalid: ${error.message}`);
    case 'invalid-params':
      return new GatewayError(400, 'invalid-request', error.message);
  }
}
