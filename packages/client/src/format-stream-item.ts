import type { Part, StreamEvent } from '@a2a-mesh/protocol';
import type { StreamItem } from './read-stream-items.ts';

/**
 * One readable line for a stream event, prefixed with its sequence number when the server sent
 * one, for example `#3 working Searching documents…`, `#5 artifact answer (append) The …` or
 * `#9 completed (final)`.
 */
export function formatStreamItem(item: StreamItem): string {
  const line = formatEvent(item.event);
  return item.id === undefined ? line : `#${item.id} ${line}`;
}

/** The event without its sequence number; see {@link formatStreamItem}. */
export function formatEvent(event: StreamEvent): string {
  switch (event.kind) {
    case 'task':
      return join('task', event.id, event.status.state, event.status.message && partsText(event.status.message.parts));
    case 'status-update':
      return join(
        event.status.state,
        event.status.message && partsText(event.status.message.parts),
        event.final ? '(final)' : undefined,
      );
    case 'artifact-update':
      return join(
        'artifact',
        event.artifact.name ?? event.artifact.artifactId,
        event.append ? '(append)' : undefined,
        event.lastChunk ? '(last)' : undefined,
        partsText(event.artifact.parts),
      );
    case 'message':
      return join(`message ${event.role}:`, partsText(event.parts));
  }
}

/**
 * The parts as one line of text: text as is (line breaks folded into spaces, so one event stays
 * one line), files by name, data as compact JSON.
 */
export function partsText(parts: readonly Part[]): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text.replace(/\s*\n\s*/g, ' ');
        case 'file':
          return `[file ${part.file.name ?? ('uri' in part.file ? part.file.uri : 'inline')}]`;
        case 'data':
          return JSON.stringify(part.data);
      }
    })
    .join(' ')
    .trim();
}

function join(...pieces: Array<string | undefined>): string {
  return pieces.filter((piece) => piece !== undefined && piece !== '').join(' ');
}
