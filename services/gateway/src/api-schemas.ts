import { z } from 'zod';
import { AgentCardSchema, StreamEventSchema, TaskSchema } from '@a2a-mesh/protocol';

/** Longest text a user may send in one message, in characters. */
export const maxTextLength = 100_000;

// Spelled out so that a 400 says what was expected in words a front-end developer can act on.
const TextSchema = z
  .string({ error: `expected a string of 1 to ${maxTextLength} characters` })
  .min(1, { error: `expected 1 to ${maxTextLength} characters, received an empty string` })
  .max(maxTextLength, {
    error: (issue) => `expected at most ${maxTextLength} characters, received ${String(issue.input).length}`,
  })
  .meta({ description: `What the user says: 1 to ${maxTextLength} characters.` });

const IdSchema = z.string({ error: 'expected a non-empty string' }).min(1, { error: 'expected a non-empty string' });

/** Digits only: query values arrive as strings, and `"1e3"` or `"-1"` must not slip through. */
const CountSchema = z.string().regex(/^\d{1,15}$/, { error: 'expected a non-negative integer' });

/** `POST /api/tasks`: starts a task on the orchestrator. */
export const CreateTaskBodySchema = z
  .object({
    text: TextSchema,
    contextId: IdSchema.optional().meta({ description: 'Continue this conversation (the A2A context id).' }),
  })
  .meta({ id: 'CreateTaskBody' });

/** `POST /api/tasks/:taskId/messages`: answers a task that waits for input. */
export const ReplyBodySchema = z.object({ text: TextSchema }).meta({ id: 'ReplyBody' });

/** `POST /api/stream`: sends a message and streams its task's events over the same request. */
export const StreamBodySchema = z
  .object({
    text: TextSchema,
    contextId: IdSchema.optional().meta({ description: 'Continue this conversation (the A2A context id).' }),
    taskId: IdSchema.optional().meta({ description: 'Answer this task, which waits for input.' }),
  })
  .meta({ id: 'StreamBody' });

/** The `:taskId` path parameter. */
export const TaskPathSchema = z.object({ taskId: IdSchema });

/** `GET /api/tasks/:taskId` query. */
export const GetTaskQuerySchema = z.object({
  historyLength: CountSchema.optional().meta({ description: 'How many of the latest history messages to include.' }),
});

/** `GET /api/tasks/:taskId/events` query. */
export const EventsQuerySchema = z.object({
  after: CountSchema.optional().meta({
    description: 'Replay the events after this sequence number (the `Last-Event-ID` header wins when both are sent).',
  }),
  access_token: z
    .string()
    .optional()
    .meta({ description: 'An API key, for EventSource, which cannot send headers. Accepted on this endpoint only.' }),
});

/** A task, as the orchestrator reports it. */
export const TaskResponseSchema = z.object({ task: TaskSchema.meta({ id: 'Task' }) }).meta({ id: 'TaskResponse' });

/** One A2A stream event: the `data:` of an SSE frame. */
export const EventSchema = StreamEventSchema.meta({ id: 'StreamEvent' });

/** Every error answer: a string code to switch on and a message a person can act on. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable string code, such as `task-not-found` or `rate-limited`.' }),
      message: z.string().meta({ description: 'Names the field and what was expected, or what went wrong.' }),
    }),
  })
  .meta({ id: 'Error' });

const CardSchema = AgentCardSchema.meta({ id: 'AgentCard' });

/** One agent the orchestrator knows, as its `GET /agents` lists it. */
export const AgentEntrySchema = z
  .object({
    key: z.string(),
    url: z.string(),
    healthy: z.boolean(),
    problem: z.string().optional(),
    card: CardSchema.optional(),
  })
  .meta({ id: 'AgentEntry' });

/**
 * The orchestrator's `GET /agents` answer, checked entry by entry (see `listAgents`): one agent
 * with an odd card must not hide all the others.
 */
export const OrchestratorAgentsSchema = z.object({ agents: z.array(z.unknown()) });

/** `GET /api/agents`: the orchestrator and the agents behind it. */
export const AgentsResponseSchema = z
  .object({
    orchestrator: z.object({
      url: z.string(),
      healthy: z.boolean(),
      problem: z.string().optional(),
      card: CardSchema.optional(),
    }),
    agents: z.array(AgentEntrySchema),
  })
  .meta({ id: 'AgentsResponse' });

export type CreateTaskBody = z.infer<typeof CreateTaskBodySchema>;
export type StreamBody = z.infer<typeof StreamBodySchema>;
export type AgentEntry = z.infer<typeof AgentEntrySchema>;
export type AgentsResponse = z.infer<typeof AgentsResponseSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
