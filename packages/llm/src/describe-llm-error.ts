/** Socket error codes, as people say them. */
const socketReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/**
 * Why a call to the LLM failed, in a few words for a log line: `connection refused`,
 * `timed out`, `HTTP 500: The server had an error.`, else the error's message.
 *
 * The OpenAI client (under LangChain) reports a socket failure as `APIConnectionError` whose
 * `cause` chain ends in the Node error with its `code`; a timeout as an error named
 * `TimeoutError`; an HTTP error as an `APIError` with `status`.
 */
export function describeLlmError(error: unknown): string {
  for (let cause = error, depth = 0; isObject(cause) && depth < 8; cause = cause['cause'], depth += 1) {
    const code = cause['code'];
    if (typeof code === 'string' && code in socketReasons) return socketReasons[code]!;
  }
  if (!isObject(error)) return String(error);
  const message = typeof error['message'] === 'string' ? error['message'] : String(error);
  if (error['name'] === 'TimeoutError') return 'timed out';
  const status = error['status'];
  if (typeof status === 'number') return `HTTP ${status}: ${message.replace(/^\d{3}\s+/, '')}`;
  return message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
