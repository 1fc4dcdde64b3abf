import type { DataPart, StreamEvent, TaskStatusUpdateEvent, TextPart } from '@a2a-mesh/protocol';

/** One event of a stream, with its SSE id (the task's sequence number). */
export interface StreamedEvent {
  id?: number | undefined;
  event: StreamEvent;
}

/** Reads a whole stream. */
export async function collect(stream: AsyncIterable<StreamedEvent>): Promise<StreamedEvent[]> {
  const events: StreamedEvent[] = [];
  for await (const item of stream) events.push(item);
  return events;
}

/** The status updates of a stream. */
export function statuses(events: readonly StreamedEvent[]): TaskStatusUpdateEvent[] {
  return events.flatMap(({ event }) => (event.kind === 'status-update' ? [event] : []));
}

/** The `working` updates that report a stage: `{ stage, text, data }`, in order. */
export function stages(
  events: readonly StreamedEvent[],
): { stage: unknown; text: string; data: Record<string, unknown> }[] {
  return statuses(events).flatMap((event) => {
    const parts = event.status.message?.parts ?? [];
    const text = parts.find((part): part is TextPart => part.kind === 'text')?.text;
    const data = parts.find((part): part is DataPart => part.kind === 'data')?.data;
    return event.status.state === 'working' && text !== undefined && data?.['stage'] !== undefined
      ? [{ stage: data['stage'], text, data }]
      : [];
  });
}

/** The answer artifact's text and data parts (the last `answer` artifact of the stream). */
export function answerOf(events: readonly StreamedEvent[]): { text: string; data: Record<string, unknown> } {
  const artifact = events
    .flatMap(({ event }) => (event.kind === 'artifact-update' && event.artifact.artifactId === 'answer' ? [event] : []))
    .at(-1)?.artifact;
  if (!artifact) throw new Error('the stream has no answer artifact');
  const text = artifact.parts.find((part): part is TextPart => part.kind === 'text')?.text ?? '';
  const data = artifact.parts.find((part): part is DataPart => part.kind === 'data')?.data ?? {};
  return { text, data };
}

/** The state the stream ended in, and the text of its last status message. */
export function ending(events: readonly StreamedEvent[]): { state: string; text: string; final: boolean } {
  const last = statuses(events).at(-1);
  if (!last) throw new Error('the stream has no status update');
  const text = (last.status.message?.parts ?? [])
    .flatMap((part) => (part.kind === 'text' ? [part.text] : []))
    .join('\n');
  return { state: last.status.state, text, final: last.final };
}

/** The task a stream belongs to. */
export function taskIdOf(events: readonly StreamedEvent[]): string {
  const first = events[0]?.event;
  if (first?.kind === 'task') return first.id;
  if (first?.kind === 'status-update' || first?.kind === 'artifact-update') return first.taskId;
  throw new Error('the stream names no task');
}
