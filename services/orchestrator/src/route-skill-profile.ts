import type { AgentSkill } from '@a2a-mesh/protocol';
import type { KnownAgent } from './plan.ts';
import { allStems, contentStems, leadingWord, stem, wordsOf } from './route-text.ts';

/** An example prompt of a skill, read for matching. */
export interface ExampleProfile {
  readonly text: string;
  /** Content stems without placeholders and numbers. */
  readonly stems: readonly string[];
  /** Its first word, lower-cased, unless it is a placeholder or a number. */
  readonly lead: string | undefined;
  /** What separates the instruction from the `<text>` placeholder (`: `), when it has one. */
  readonly separator: string | undefined;
}

/** One skill of one agent's card, with the words the planner matches requests against. */
export interface SkillProfile {
  readonly agent: KnownAgent;
  readonly skill: AgentSkill;
  /** Stems of single-word tags. */
  readonly tagStems: ReadonlySet<string>;
  /** Each tag stem's tag as the card writes it, for reasons. */
  readonly tagNames: ReadonlyMap<string, string>;
  /** Multi-word tags (`bullet points`, `standard deviation`), with their stems in order. */
  readonly tagPhrases: readonly { readonly tag: string; readonly stems: readonly string[] }[];
  readonly nameStems: ReadonlySet<string>;
  readonly exampleStems: ReadonlySet<string>;
  readonly descriptionStems: ReadonlySet<string>;
  /** Stems of the agent's own name and description: weak evidence, shared by its skills. */
  readonly agentStems: ReadonlySet<string>;
  readonly examples: readonly ExampleProfile[];
  /**
   * Whether the skill works on a text it is given: one of its examples has a placeholder such as
   * `summarize: <text>`. Such a skill can consume another step's output or the previous answer.
   */
  readonly takesText: boolean;
  /** Every stem the skill's card uses for itself: the words of an instruction to it. */
  readonly vocabulary: ReadonlySet<string>;
}

const placeholder = /<[^<>]+>/g;

/** The profiles of every skill of every agent that has a card. */
export function profileSkills(agents: readonly KnownAgent[]): SkillProfile[] {
  return agents.flatMap((agent) => {
    const card = agent.card;
    if (!card) return [];
    const agentStems = new Set(contentStems(`${card.name} ${card.description}`));
    return card.skills.map((skill) => profileSkill(agent, skill, agentStems));
  });
}

function profileSkill(agent: KnownAgent, skill: AgentSkill, agentStems: ReadonlySet<string>): SkillProfile {
  const singleTags = skill.tags.filter((tag) => wordsOf(tag).length === 1);
  const tagPhrases = skill.tags.filter((tag) => wordsOf(tag).length > 1).map((tag) => ({ tag, stems: allStems(tag) }));
  const examples = (skill.examples ?? []).map(profileExample);
  const tagNames = new Map<string, string>();
  for (const tag of singleTags) {
    const root = stem(wordsOf(tag)[0]!);
    if (!tagNames.has(root)) tagNames.set(root, tag);
  }
  const tagStems = new Set(tagNames.keys());
  const exampleStems = new Set([
    ...examples.flatMap((example) => example.stems),
    ...tagPhrases.flatMap((phrase) => phrase.stems),
  ]);
  const nameStems = new Set(contentStems(skill.name));
  const descriptionStems = new Set(contentStems(skill.description));
  return {
    agent,
    skill,
    tagStems,
    tagNames,
    tagPhrases,
    nameStems,
    exampleStems,
    descriptionStems,
    agentStems,
    examples,
    takesText: examples.some((example) => example.separator !== undefined),
    vocabulary: new Set([...tagStems, ...exampleStems, ...nameStems]),
  };
}

function profileExample(text: string): ExampleProfile {
  const withoutPlaceholders = text.replace(placeholder, ' ');
  const lead = leadingWord(text.trimStart().startsWith('<') ? '' : withoutPlaceholders);
  const separator = /^(.*?\S)?(\s*[:\n-]?\s*)<[^<>]+>/.exec(text)?.[2];
  return {
    text,
    stems: contentStems(withoutPlaceholders),
    lead: lead && !/^\d/.test(lead) ? lead : undefined,
    separator: separator === undefined ? undefined : separator || ' ',
  };
}
