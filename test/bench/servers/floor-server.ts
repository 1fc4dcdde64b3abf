import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parseWorkload } from '../workload.ts';
import { FloorTask } from './floor-task.ts';
import { produceEvents } from './produce-events.ts';
import type { RoleOptions } from './ours-server.ts';

/** Frames written at once when replaying from a cursor, like our store's read batches. */
const replayBatch = 256;
/** How long a finished task stays replayable. */
const keepMs = 30_000;

interface RpcRequest {
  id?: unknown;
  method?: string;
  params?: { id?: string; message?: { parts?: { kind: string; text?: string }[] } };
}

/**
 * The floor: the least a Node server can do to stream the same JSON-RPC SSE frames. Plain
 * `node:http`, frames spliced from templates (no per-event serialization), each written as the
 * producer makes it, waiting for `drain` when the socket is full; the same `retry:` preamble and
 * (when asked) comment heartbeats. No validation, no store, no state machine: whatever a real
 * server does beyond this is what it costs.
 */
export function createFloorServer(options: RoleOptions): Server {
  const tasks = new Map<string, FloorTask>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  function open(response: ServerResponse, task: FloorTask): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    response.write('retry:2000\n\n');
    const heartbeat = setInterval(() => response.write(':\n\n'), heartbeatMs);
    response.once('close', () => {
      clearInterval(heartbeat);
      task.subscribers.delete(response);
    });
    task.subscribers.add(response);
  }

  async function broadcast(task: FloorTask, frame: string): Promise<void> {
    const full: Promise<unknown>[] = [];
    for (const response of task.subscribers) {
      if (!response.write(frame)) full.push(drained(response));
    }
    if (full.length > 0) await Promise.all(full);
  }

  async function run(task: FloorTask, text: string): Promise<void> {
    const workload = parseWorkload(text);
    await produceEvents(
      workload,
      (index, t) => broadcast(task, task.stepFrame(index, t)),
      () => broadcast(task, task.waitingFrame()),
    );
    await broadcast(task, task.artifactFrame());
    await broadcast(task, task.finalFrame());
    task.done = true;
    for (const response of task.subscribers) response.end();
    setTimeout(() => tasks.delete(task.id), keepMs).unref();
  }

  async function resubscribe(request: IncomingMessage, response: ServerResponse, task: FloorTask): Promise<void> {
    const header = request.headers['last-event-id'];
    const cursor = typeof header === 'string' ? Number(header) : undefined;
    open(response, task);
    task.subscribers.delete(response);
    if (cursor === undefined) response.write(task.frames[0]!);
    else {
      // Replay what is logged after the cursor, batch by batch, then go live.
      let next = cursor;
      while (next < task.frames.length) {
        const batch = task.frames.slice(next, next + replayBatch).join('');
        next += replayBatch;
        if (!response.write(batch)) await drained(response);
      }
    }
    if (task.done) response.end();
    else task.subscribers.add(response);
  }

  return createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as RpcRequest;
    const text = body.params?.message?.parts?.find((part) => part.kind === 'text')?.text ?? '';
    switch (body.method) {
      case 'message/stream': {
        const task = new FloorTask(body.id, body.params?.message, parseWorkload(text));
        tasks.set(task.id, task);
        open(response, task);
        await broadcast(task, task.taskFrame());
        await run(task, text);
        return;
      }
      case 'message/send': {
        const task = new FloorTask(body.id, body.params?.message, parseWorkload(text));
        tasks.set(task.id, task);
        const json = task.taskFrame().split('\ndata:')[1]!;
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
        await run(task, text);
        return;
      }
      case 'tasks/resubscribe': {
        const task = tasks.get(body.params?.id ?? '');
        if (!task) response.writeHead(404).end();
        else await resubscribe(request, response, task);
        return;
      }
      default:
        response.writeHead(400).end();
    }
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
