import { randomUUID } from 'node:crypto';
import type { AgentCard, Artifact, Message, Part } from '@a2a-mesh/protocol';
import type { PlanStep } from './plan.ts';

/** The final result of a step another step depends on. */
export interface UpstreamInput {
  readonly step: string;
  readonly agent: string;
  /** The text of its final artifacts (see {@link artifactText}). */
  readonly text: string;
  /** Its final artifacts, as the specialist produced them. */
  readonly artifacts: readonly Artifact[];
}

/**
 * The message that starts a step on its specialist: the step's text and, when the step depends
 * on others, their final artifacts as a data part `{ artifacts: [...] }`. An agent that reads
 * only text (its card, or the step's skill, lists no `application/json` input) also gets the
 * inputs' text appended to the message text. An agent that takes JSON does not: it reads the
 * data part, and the same text twice would be worked on twice (the writer joins the text parts
 * and every artifact of its data parts as paragraphs).
 */
export function upstreamMessage(step: PlanStep, inputs: readonly UpstreamInput[], card: AgentCard): Message {
  const texts = [step.text];
  if (inputs.length > 0 && !takesJson(card, step.skillId)) texts.push(...inputs.map((input) => input.text));
  const parts: Part[] = [{ kind: 'text', text: texts.filter((text) => text.trim() !== '').join('\n\n') }];
  if (inputs.length > 0) parts.push({ kind: 'data', data: { artifacts: inputs.flatMap((input) => input.artifacts) } });
  return { kind: 'message', messageId: randomUUID(), role: 'user', parts };
}

/** The user's reply to a question of a specialist, addressed to the upstream task that asked it. */
export function upstreamReply(reply: Message, taskId: string, contextId: string | undefined): Message {
  return {
    kind: 'message',
    messageId: randomUUID(),
    role: 'user',
    parts: [...reply.parts],
    taskId,
    ...(contextId === undefined ? {} : { contextId }),
  };
}

/**
 * The text of artifacts: each one's text parts concatenated (the chunks of a streamed artifact
 * make one text again), artifacts separated by a blank line.
 */
export function artifactText(artifacts: readonly Artifact[]): string {
  return artifacts
    .map((artifact) => artifact.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

/** Whether the agent accepts JSON for this skill: the skill's input modes, else the card's. */
function takesJson(card: AgentCard, skillId: string): boolean {
  const modes = card.skills.find((skill) => skill.id === skillId)?.inputModes ?? card.defaultInputModes;
  return modes.some((mode) => mode === 'application/json' || mode.endsWith('+json'));
}
