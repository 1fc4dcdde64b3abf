import type { AgentCard, SendMessageResult } from '@a2a-mesh/protocol';
import { partsText } from './format-stream-item.ts';

/**
 * Readable lines for a `message/send`, `tasks/get` or `tasks/cancel` result: the task's state
 * and status message, then one line per artifact (or the agent's reply, for a message).
 */
export function formatResult(result: SendMessageResult): string[] {
  if (result.kind === 'message') return [`message ${result.role}: ${partsText(result.parts)}`];
  const status = result.status.message ? ` ${partsText(result.status.message.parts)}` : '';
  const lines = [`task ${result.id} ${result.status.state}${status}`, `context ${result.contextId}`];
  for (const artifact of result.artifacts ?? []) {
    lines.push(`artifact ${artifact.name ?? artifact.artifactId} ${partsText(artifact.parts)}`);
  }
  for (const message of result.history ?? []) lines.push(`history ${message.role}: ${partsText(message.parts)}`);
  return lines;
}

/** Readable lines for an agent card: who it is, where it listens, what it can do. */
export function formatCard(card: AgentCard): string[] {
  const capabilities = Object.entries(card.capabilities)
    .filter(([, value]) => value === true)
    .map(([name]) => name);
  const extensions = (card.capabilities.extensions ?? []).map((extension) => extension.uri);
  return [
    `${card.name} ${card.version} (A2A ${card.protocolVersion})`,
    card.description,
    `endpoint ${card.url}`,
    `capabilities ${capabilities.join(', ') || 'none'}`,
    ...extensions.map((uri) => `extension ${uri}`),
    ...card.skills.map((skill) => `skill ${skill.id}: ${skill.name} - ${skill.description}`),
  ];
}
