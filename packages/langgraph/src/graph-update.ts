import type { Artifact, Metadata, Part } from '@a2a-mesh/protocol';

/**
 * One A2A event the stream mapper asks for, before it is published: a `working` status update
 * (progress parts and/or node-timing metadata) or an artifact update.
 */
export type GraphUpdate =
  | { kind: 'status'; parts?: Part[]; metadata?: Metadata }
  | { kind: 'artifact'; artifact: Artifact; append: boolean; lastChunk: boolean; metadata?: Metadata };
