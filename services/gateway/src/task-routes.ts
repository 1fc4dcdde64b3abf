import type { Express } from 'express';
import type { SendMessageResult, Task } from '@a2a-mesh/protocol';
import { CreateTaskBodySchema, GetTaskQuerySchema, ReplyBodySchema, TaskPathSchema } from './api-schemas.ts';
import type { GatewayContext } from './gateway-context.ts';
import { GatewayError } from './gateway-error.ts';
import { parseInput } from './parse-input.ts';
import { upstreamHeaders } from './trace-middleware.ts';
import { userMessage } from './user-message.ts';

/**
 * The task endpoints: start, read, answer and cancel tasks on the orchestrator. Each is one A2A
 * call; sends are non-blocking (`blocking: false`), so they answer as soon as the task exists and
 * the browser follows it on the events endpoint.
 */
export function registerTaskRoutes(app: Express, context: GatewayContext): void {
  const { link } = context;

  app.post('/api/tasks', ...context.guard(), context.jsonBody, async (request, response) => {
    const body = parseInput(CreateTaskBodySchema, request.body, 'body');
    const client = await link.client();
    const result = await client.sendMessage(
      { message: userMessage(body.text, { contextId: body.contextId }), configuration: { blocking: false } },
      { headers: upstreamHeaders(response) },
    );
    const task = taskOf(result);
    response
      .status(201)
      .location(`/api/tasks/${encodeURIComponent(task.id)}`)
      .json({ task });
  });

  app.get('/api/tasks/:taskId', ...context.guard(), async (request, response) => {
    const { taskId } = parseInput(TaskPathSchema, request.params, 'path');
    const { historyLength } = parseInput(GetTaskQuerySchema, request.query, 'query');
    const client = await link.client();
    const task = await client.getTask(taskId, {
      ...(historyLength === undefined ? {} : { historyLength: Number(historyLength) }),
      headers: upstreamHeaders(response),
    });
    response.json({ task });
  });

  app.post('/api/tasks/:taskId/messages', ...context.guard(), context.jsonBody, async (request, response) => {
    const { taskId } = parseInput(TaskPathSchema, request.params, 'path');
    const body = parseInput(ReplyBodySchema, request.body, 'body');
    const client = await link.client();
    const result = await client.sendMessage(
      { message: userMessage(body.text, { taskId }), configuration: { blocking: false } },
      { headers: upstreamHeaders(response) },
    );
    response.status(202).json({ task: taskOf(result) });
  });

  // Closing a browser never cancels a task: only this does.
  app.post('/api/tasks/:taskId/cancel', ...context.guard(), async (request, response) => {
    const { taskId } = parseInput(TaskPathSchema, request.params, 'path');
    const client = await link.client();
    const task = await client.cancelTask(taskId, { headers: upstreamHeaders(response) });
    response.json({ task });
  });
}

/** The task a send created or continued; an agent may answer with a bare message instead. */
function taskOf(result: SendMessageResult): Task {
  if (result.kind === 'task') return result;
  throw new GatewayError(
    502,
    'invalid-upstream-answer',
    'The orchestrator answered with a message instead of a task, so there is nothing to follow',
  );
}
