import { A2AClientError } from './a2a-client-error.ts';

/**
 * How safe it is to try again after a failed request:
 * - `never-sent`: the request provably never reached the server (no connection was ever
 *   established), so sending it again cannot repeat its effect;
 * - `transient`: the request may have reached the server, and the failure is of the kind that
 *   goes away (connection reset or timed out, a proxy's 502 while the agent restarts); retrying
 *   is safe only for requests without effects of their own, such as `tasks/resubscribe`;
 * - `fatal`: asking again would get the same answer (a protocol error, a malformed response).
 */
export type FailureKind = 'never-sent' | 'transient' | 'fatal';

// Each of these can only happen before a TCP connection exists: name resolution or connect.
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

// 408 and 429 ask the client to come back later; 500 and 502–504 are what a proxy answers while
// the agent behind it restarts. Other statuses will not change by asking again.
const transientStatuses = new Set([408, 429, 500, 502, 503, 504]);

/** Classifies a failure of a request or of a stream's connection; see {@link FailureKind}. */
export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof A2AClientError)) return 'fatal';
  switch (error.code) {
    case 'request-failed':
      return neverSentCodes.has(errorCode(error.cause) ?? '') ? 'never-sent' : 'transient';
    case 'stream-interrupted':
      return 'transient';
    case 'http-error':
      return error.statusCode !== undefined && transientStatuses.has(error.statusCode) ? 'transient' : 'fatal';
    default:
      return 'fatal';
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
