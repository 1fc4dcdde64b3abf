import { z } from 'zod';
import { AgentCardSchema } from '../agent-card.ts';
import type { AgentCard } from '../agent-card.ts';
import { formatIssues } from '../format-issues.ts';
import { V1AgentCardSchema, V1AgentInterfaceSchema, fromV1AgentCard, interfacesOf } from './agent-card.ts';
import type { V1AgentInterface } from './agent-card.ts';

/** A card read from the wire: our (0.3) model of it, and every interface it announces. */
export interface AgentCardDocument {
  card: AgentCard;
  /** The card's `supportedInterfaces` (first = preferred), or, for a 0.3-only card, its `url` and `additionalInterfaces`. */
  interfaces: V1AgentInterface[];
}

/** What {@link readAgentCard} answers: the document, or a message naming each offending field. */
export type ReadAgentCardResult = { success: true; document: AgentCardDocument } | { success: false; error: string };

/** A 1.0 card announces `supportedInterfaces` and has no top-level `url`. */
const isV1Shape = (json: unknown): boolean =>
  typeof json === 'object' &&
  json !== null &&
  Array.isArray((json as { supportedInterfaces?: unknown }).supportedInterfaces) &&
  !('url' in json);

/**
 * Reads an agent card of either generation. A card with a top-level `url` is 0.3 (ours and
 * a2a-js's 0.3 cards list the 1.0 `supportedInterfaces` beside it); one with only
 * `supportedInterfaces` is 1.0, and is converted.
 */
export function readAgentCard(json: unknown): ReadAgentCardResult {
  if (isV1Shape(json)) {
    const v1 = V1AgentCardSchema.safeParse(json);
    if (!v1.success) return { success: false, error: formatIssues(v1.error) };
    return { success: true, document: { card: fromV1AgentCard(v1.data), interfaces: v1.data.supportedInterfaces } };
  }
  const card = AgentCardSchema.safeParse(json);
  if (!card.success) return { success: false, error: formatIssues(card.error) };
  const announced = z
    .object({ supportedInterfaces: z.array(V1AgentInterfaceSchema).min(1).optional() })
    .safeParse(json);
  if (!announced.success) return { success: false, error: formatIssues(announced.error) };
  const interfaces = announced.data.supportedInterfaces ?? interfacesOf(card.data);
  return { success: true, document: { card: card.data, interfaces } };
}
