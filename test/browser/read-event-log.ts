/** One frame of the gateway's event stream. */
export interface LoggedEvent {
  id: number;
  kind: string;
  event: { kind: string; final?: boolean; status?: { state: string }; [key: string]: unknown };
}

const terminal = new Set(['completed', 'failed', 'canceled', 'rejected']);

/**
 * A finished task's whole event log, read through the gateway's events endpoint from the start:
 * `?after=0`, then from the last id after each stream that ended on an `input-required` question,
 * until the terminal event (or a 204: nothing after it).
 */
export async function readEventLog(gatewayUrl: string, taskId: string): Promise<LoggedEvent[]> {
  const log: LoggedEvent[] = [];
  for (;;) {
    const after = log.at(-1)?.id ?? 0;
    const response = await fetch(`${gatewayUrl}/api/tasks/${encodeURIComponent(taskId)}/events?after=${after}`, {
      headers: { accept: 'text/event-stream' },
    });
    if (response.status === 204) return log;
    if (!response.ok)
      throw new Error(`events of ${taskId} after ${after}: HTTP ${response.status} ${await response.text()}`);
    const frames = parseFrames(await response.text());
    if (frames.length === 0) return log;
    log.push(...frames);
    const last = frames.at(-1)!.event;
    if (last.kind === 'status-update' && last.final && terminal.has(last.status?.state ?? '')) return log;
  }
}

/** SSE frames with an id and data (comments, `retry:` and id-less frames are left out). */
function parseFrames(text: string): LoggedEvent[] {
  const frames: LoggedEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let id: number | undefined;
    let kind = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === 0) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = Number(value);
      else if (field === 'event') kind = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== undefined && data.length > 0) frames.push({ id, kind, event: JSON.parse(data.join('\n')) });
  }
  return frames;
}
