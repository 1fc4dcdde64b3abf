import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseMessage } from '@langchain/core/messages';
import type { ConversationTurn, KnownAgent } from './plan.ts';

/** The longest previous answer the prompt quotes, in characters. */
const longestAnswer = 4_000;

const instructions = `You are the planner of an agent mesh. Decide which specialist agents serve the user's request.
Answer with one JSON object and nothing else, in this shape:
{"steps":[{"id":"s1","agent":"<agent key>","skillId":"<skill id>","text":"<what the agent receives>","dependsOn":[],"reason":"<why this agent>"}],"unserved":"<only when something cannot be served>"}
Rules:
- Use only the agents and skills listed by the user message; "agent" is an agent's key, "skillId" one of its skills' ids.
- Give each independent part of the request its own step; steps without dependsOn run in parallel.
- A step that works on the output of earlier steps lists their ids in "dependsOn"; its "text" is only the instruction (for example "summarize in 2 sentences"): their output is appended to it.
- "text" is the part of the request that agent should receive, without connecting words such as "and" or "also".
- When the request works on the previous answer ("make it shorter", "summarize that"), put the instruction, a colon and that answer in "text".
- When no agent can serve the request, answer {"steps":[],"unserved":"<one sentence saying what the mesh can do instead>"}.`;

/**
 * The chat messages asking a model for a plan: the rules and the JSON shape in the system
 * message; the healthy agents' cards (key, name, description, skills with tags and examples),
 * the previous turn of the conversation and the request in the user message.
 */
export function llmPlannerPrompt(
  request: string,
  agents: readonly KnownAgent[],
  history: readonly ConversationTurn[],
): BaseMessage[] {
  const cards = agents
    .filter((agent) => agent.healthy && agent.card)
    .map((agent) => ({
      key: agent.key,
      name: agent.card!.name,
      description: agent.card!.description,
      skills: agent.card!.skills.map((skill) => ({
        id: skill.id,
        name: skill.name,
        description: skill.description,
        tags: skill.tags,
        examples: skill.examples ?? [],
      })),
    }));
  const previous = history.at(-1);
  const parts = [
    `Agents:\n${JSON.stringify(cards, null, 2)}`,
    ...(previous
      ? [`Previous request: ${previous.request}\nPrevious answer:\n${previous.answer.slice(0, longestAnswer)}`]
      : []),
    `Request: ${request}`,
  ];
  return [new SystemMessage(instructions), new HumanMessage(parts.join('\n\n'))];
}
