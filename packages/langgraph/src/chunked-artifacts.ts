import type { Metadata } from '@a2a-mesh/protocol';
import type { GraphUpdate } from './graph-update.ts';

/** One piece of text for a streamed artifact. */
export interface ArtifactChunk {
  artifactId: string;
  text: string;
  name?: string;
  /** This chunk ends the artifact. */
  last?: boolean;
  /** The graph task that produces the artifact, so that its end can close the artifact. */
  owner?: string;
  /** Sent with the artifact's first chunk. */
  metadata?: Metadata;
}

type ArtifactUpdate = Extract<GraphUpdate, { kind: 'artifact' }>;

/**
 * The artifacts being streamed piece by piece, and the `append` / `lastChunk` flags A2A wants:
 * the first chunk replaces (`append: false`), later ones append, and every artifact ends with
 * exactly one `lastChunk: true`, an empty closing chunk when the producer never said "last".
 */
export class ChunkedArtifacts {
  readonly #open = new Map<string, { name: string | undefined; owner: string | undefined }>();

  /** The update that sends `chunk`. */
  write(chunk: ArtifactChunk): ArtifactUpdate {
    const append = this.#open.has(chunk.artifactId);
    if (chunk.last) this.#open.delete(chunk.artifactId);
    else if (!append) this.#open.set(chunk.artifactId, { name: chunk.name, owner: chunk.owner });
    return {
      kind: 'artifact',
      artifact: {
        artifactId: chunk.artifactId,
        ...(chunk.name === undefined ? {} : { name: chunk.name }),
        parts: [{ kind: 'text', text: chunk.text }],
      },
      append,
      lastChunk: chunk.last ?? false,
      ...(append || !chunk.metadata ? {} : { metadata: chunk.metadata }),
    };
  }

  /** Ends the open artifacts that `owner` produces, or all of them without an owner. */
  close(owner?: string): ArtifactUpdate[] {
    const closing: ArtifactUpdate[] = [];
    for (const [artifactId, open] of this.#open) {
      if (owner !== undefined && open.owner !== owner) continue;
      this.#open.delete(artifactId);
      closing.push({
        kind: 'artifact',
        // An empty text part keeps "the parts of all chunks, concatenated" equal to the text.
        artifact: {
          artifactId,
          ...(open.name === undefined ? {} : { name: open.name }),
          parts: [{ kind: 'text', text: '' }],
        },
        append: true,
        lastChunk: true,
      });
    }
    return closing;
  }
}
