import { randomUUID } from 'node:crypto';
import type { Part, StreamEvent, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer, Logger } from '@a2a-mesh/server';
import { writerCard } from '../writer-card.ts';
import { createWriterExecutor } from '../writer-executor.ts';
import type { WriterGraphOptions } from '../writer-graph.ts';

/**
 * What the writer's tests share. Not a test file, so it may not import the client (a
 * devDependency, see scripts/check-layers.mjs): the tests make their own clients, and the stream
 * helpers take the client's `StreamItem` by its shape.
 */

/** One event of a stream, with its sequence number: the client's `StreamItem`. */
export interface StreamItem {
  id?: number;
  event: StreamEvent;
}

/** A log line a {@link RecordingLogger} kept. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line, for tests to assert on. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];

  debug(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'debug', fields, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
  child(): Logger {
    return this;
  }

  /** The lines of one level. */
  at(level: LogLine['level']): LogLine[] {
    return this.lines.filter((line) => line.level === level);
  }
}

/** Writer servers on loopback port 0, each stopped by `closeAll`. */
export class WriterServers {
  readonly #servers: AgentServer[] = [];

  /** Starts a writer; returns its URL. */
  async start(options: WriterGraphOptions = {}): Promise<string> {
    const server = createAgentServer({
      card: writerCard,
      executor: createWriterExecutor(options),
      shutdownDeadlineMs: 50,
    });
    this.#servers.push(server);
    return server.listen(0, '127.0.0.1');
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#servers.splice(0).map((server) => server.close()));
  }
}

/** `message/send` params: a user message of these parts (a string is one text part). */
export function userMessage(content: string | Part[], taskId?: string) {
  const parts: Part[] = typeof content === 'string' ? [{ kind: 'text', text: content }] : content;
  return {
    message: {
      kind: 'message' as const,
      messageId: randomUUID(),
      role: 'user' as const,
      parts,
      ...(taskId ? { taskId } : {}),
    },
  };
}

/** Reads a whole stream. */
export async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

export const eventsOf = (items: StreamItem[]): StreamEvent[] => items.map((item) => item.event);

export const artifactUpdates = (items: StreamItem[]): TaskArtifactUpdateEvent[] =>
  eventsOf(items).filter((event): event is TaskArtifactUpdateEvent => event.kind === 'artifact-update');

export const statusUpdates = (items: StreamItem[]): TaskStatusUpdateEvent[] =>
  eventsOf(items).filter((event): event is TaskStatusUpdateEvent => event.kind === 'status-update');

/** The text of each artifact chunk, in stream order. */
export const chunkTexts = (items: StreamItem[]): string[] =>
  artifactUpdates(items).map((update) =>
    update.artifact.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''),
  );

/** The `data.step` of each progress update, in order. */
export const progressSteps = (items: StreamItem[]): unknown[] =>
  statusUpdates(items).flatMap((update) =>
    (update.status.message?.parts ?? []).flatMap((part) =>
      part.kind === 'data' && 'step' in part.data ? [part.data['step']] : [],
    ),
  );

/** The text of each progress update, in order. */
export const progressTexts = (items: StreamItem[]): string[] =>
  statusUpdates(items).flatMap((update) =>
    update.status.state === 'working' && update.status.message?.parts[0]?.kind === 'text'
      ? [update.status.message.parts[0].text]
      : [],
  );

/** The state of the last status update. */
export const finalState = (items: StreamItem[]): string | undefined => statusUpdates(items).at(-1)?.status.state;

/** The task id of a stream. */
export function taskIdOf(items: StreamItem[]): string {
  const first = items[0]?.event;
  if (first?.kind !== 'task') throw new Error('the stream did not start with the task');
  return first.id;
}

/** An artifact's whole text: its parts concatenated. */
export function artifactText(parts: readonly Part[] | undefined): string {
  return (parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join('');
}
