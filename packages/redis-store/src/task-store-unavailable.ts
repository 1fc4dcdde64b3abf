import { A2AError, ErrorCode } from '@a2a-mesh/protocol';

/**
 * The error every request gets while Redis cannot be reached: -32603 with a message that says
 * what is wrong and that it passes, never the driver's internals. The cause stays in the logs.
 */
export function taskStoreUnavailable(): A2AError {
  return A2AError.of(ErrorCode.InternalError, 'the task store is unavailable; try again shortly');
}

/** True for an error raised by {@link taskStoreUnavailable}. */
export function isTaskStoreUnavailable(error: unknown): boolean {
  return (
    error instanceof A2AError &&
    error.code === ErrorCode.InternalError &&
    /task store is unavailable/.test(error.message)
  );
}
