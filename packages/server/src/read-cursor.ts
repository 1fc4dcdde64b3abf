import { A2AError, ErrorCode, resumableStreamExtension } from '@a2a-mesh/protocol';

/**
 * The resume cursor of a resubscribe (0.3 `tasks/resubscribe`, 1.0 `SubscribeToTask`): the
 * `Last-Event-ID` header wins over `params.metadata` (a browser's EventSource sends the header by
 * itself). Both must be a non-negative integer; anything else is -32602 naming the field.
 */
export function readCursor(
  header: string | undefined,
  metadata: Record<string, unknown> | undefined,
): number | undefined {
  const key = resumableStreamExtension.lastEventIdKey;
  const raw = header ?? metadata?.[key];
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    const field = header === undefined ? `params.metadata["${key}"]` : 'the Last-Event-ID header';
    throw A2AError.of(
      ErrorCode.InvalidParams,
      `${field}: expected a non-negative integer, received ${JSON.stringify(raw)}`,
    );
  }
  return value;
}
