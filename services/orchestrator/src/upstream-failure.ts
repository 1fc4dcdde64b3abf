import { A2AClientError } from '@a2a-mesh/client';
import { A2AError } from '@a2a-mesh/protocol';

/**
 * Why a call to a specialist broke, in words for the person who asked the orchestrator: what
 * happened to the agent first, the technical detail after it in parentheses. The wording tells
 * "it died mid-task" (a stream that could not be resumed) apart from "it was never reached" and
 * "it refused the request".
 */
export function upstreamFailure(error: unknown): string {
  if (error instanceof A2AError) return `it refused the request (${error.message})`;
  if (!(error instanceof A2AClientError)) return `the call failed (${messageOf(error)})`;
  switch (error.code) {
    case 'resume-exhausted':
      return `it stopped answering mid-task: the connection dropped and could not be resumed (${messageOf(error.cause)})`;
    case 'stream-interrupted':
      return `its stream broke before the task was known, so it could not be resumed (${error.message})`;
    case 'request-failed':
      return `it could not be reached (${messageOf(error.cause ?? error)})`;
    case 'http-error':
      return `it answered HTTP ${error.statusCode ?? 'error'} (${error.message})`;
    case 'malformed-response':
    case 'invalid-card':
      return `it answered something that is not A2A (${error.message})`;
    case 'invalid-params':
      return `the request for it could not be sent (${error.message})`;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // undici hides the socket error (ECONNREFUSED, ECONNRESET) one level down.
    const own = error.message || error.name;
    const cause = error.cause instanceof Error ? error.cause.message : '';
    return cause && !own.includes(cause) ? `${own}: ${cause}` : own;
  }
  return String(error);
}
