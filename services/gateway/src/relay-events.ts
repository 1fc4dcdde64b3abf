import { A2AClientError } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import type { Logger } from '@a2a-mesh/server';
import type { EventStream } from './event-stream.ts';
import { GatewayError } from './gateway-error.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import { upstreamError } from './upstream-error.ts';

/**
 * Writes `events` to the browser's stream until the final one, then closes it. Never throws:
 *
 * - the browser leaving (or being too slow) stops the upstream read; the task goes on;
 * - an upstream drop is resumed by the A2A client; when it cannot be (the orchestrator is gone
 *   for good), the response is simply closed, and the browser's EventSource reconnects with
 *   its Last-Event-ID and resumes through whichever gateway and orchestrator answer then;
 * - any other failure (the task was forgotten, a malformed answer) is sent as an `error` event
 *   before closing.
 */
export async function relayEvents(
  events: AsyncIterable<StreamItem>,
  stream: EventStream,
  context: { logger: Logger; metrics: GatewayMetrics; signal: AbortSignal },
): Promise<void> {
  const { logger, metrics, signal } = context;
  let lastId: number | undefined;
  try {
    for await (const item of events) {
      if (!(await stream.send(item))) {
        logger.debug({ lastId }, 'browser stream closed; the task goes on');
        return;
      }
      lastId = item.id ?? lastId;
      metrics.eventRelayed(item.event.kind);
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof A2AClientError && isConnectionLoss(error)) {
      logger.warn({ lastId, err: error }, 'lost the orchestrator stream; closing so the browser reconnects');
      return;
    }
    const answer =
      upstreamError(error) ?? new GatewayError(500, 'internal-error', 'The gateway failed to relay this stream');
    logger[answer.status >= 500 ? 'error' : 'warn']({ lastId, err: error }, `stream failed: ${answer.message}`);
    await stream.sendError(answer);
  } finally {
    stream.close();
  }
}

function isConnectionLoss(error: A2AClientError): boolean {
  return error.code === 'resume-exhausted' || error.code === 'stream-interrupted' || error.code === 'request-failed';
}
