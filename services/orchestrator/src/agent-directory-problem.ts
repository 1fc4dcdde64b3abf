import { A2AClientError } from '@a2a-mesh/client';

/** Socket error codes, as people say them. */
const socketProblems: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'no answer in time',
  UND_ERR_SOCKET: 'connection closed by the agent',
};

/**
 * Why an agent card could not be read, for a person: `connection refused`, `timed out after
 * 5000 ms`, or the client's own message, which names the card URL and, for an invalid card, each
 * offending field (`Invalid agent card at …: skills[0].name: …`).
 */
export function describeCardProblem(error: unknown, timeoutMs: number): string {
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 8; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in socketProblems) return socketProblems[code]!;
    if ((cause as { name?: unknown }).name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
    cause = (cause as { cause?: unknown }).cause;
  }
  if (error instanceof A2AClientError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
