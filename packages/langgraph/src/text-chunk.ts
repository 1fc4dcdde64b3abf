import { z } from 'zod';

/** The artifact id of chunks written without one. */
export const defaultChunkArtifactId = 'text';

/**
 * A piece of text a node writes with `config.writer(...)` as it produces it (a sentence, a
 * paragraph). Chunks with the same `artifactId` become one streamed artifact: the first chunk
 * is sent with `append: false`, later ones with `append: true`. The artifact ends with the chunk
 * marked `last: true`, or, when no chunk says so, with an empty closing chunk
 * (`lastChunk: true`) once the graph run ends. A chunk written after its artifact ended starts
 * the artifact over, as A2A's `append: false` means.
 */
export const TextChunkSchema = z.object({
  chunk: z.string(),
  /** Which artifact the chunk belongs to; default {@link defaultChunkArtifactId}. */
  artifactId: z.string().min(1).optional(),
  /** The artifact's name, for people. */
  name: z.string().optional(),
  /** This chunk ends the artifact. */
  last: z.boolean().optional(),
});

/** A chunk of streamed text; see {@link TextChunkSchema}. */
export type TextChunk = z.infer<typeof TextChunkSchema>;
