import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { Logger } from './logger.ts';

/** Protocol errors pass through; anything else is logged and becomes -32603 with no details. */
export function toWireError(error: unknown, logger: Logger): A2AError {
  if (error instanceof A2AError) return error;
  logger.error({ err: error }, 'request failed');
  return A2AError.of(ErrorCode.InternalError);
}
