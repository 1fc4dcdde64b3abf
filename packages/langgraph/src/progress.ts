import { z } from 'zod';

/**
 * What a node or tool writes with `config.writer(...)` to report progress. It becomes a
 * `working` status update whose message has `text` as a text part and, when given, `data` as a
 * data part (step, tool, counts, ...), so people read the text and UIs read the data.
 *
 * @example
 * ```ts
 * config.writer?.({ text: 'Searching the catalogue', data: { step: 'search', hits: 12 } } satisfies Progress);
 * ```
 */
export const ProgressSchema = z.object({
  text: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** A progress report; see {@link ProgressSchema}. */
export type Progress = z.infer<typeof ProgressSchema>;
