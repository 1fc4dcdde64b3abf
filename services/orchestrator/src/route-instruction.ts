import type { SkillProfile } from './route-skill-profile.ts';
import { leadingWord, stem, wordsOf } from './route-text.ts';

/** Words an instruction may have besides the skill's own: "summarize *it in 2* sentences". */
const fillerWords = new Set(
  'in as into to a an please me it this that up for of with one two three four five six seven eight nine ten'.split(
    ' ',
  ),
);

/**
 * Splits a clause addressed to a text-taking skill into its instruction, the leading words the
 * skill's card uses for itself ("summarize in 2 sentences"), and the rest, which names what to
 * work on ("what the docs say about heartbeats"). The rest is empty when the clause is only an
 * instruction ("make it shorter").
 */
export function splitInstruction(clause: string, profile: SkillProfile): { instruction: string; rest: string } {
  for (const match of clause.matchAll(/\S+/g)) {
    const words = wordsOf(match[0]);
    const isInstruction = words.every(
      (word) => fillerWords.has(word) || /^\d+$/.test(word) || profile.vocabulary.has(stem(word)),
    );
    if (!isInstruction) {
      return { instruction: clause.slice(0, match.index).trim(), rest: clause.slice(match.index).trim() };
    }
  }
  return { instruction: clause.trim(), rest: '' };
}

/** Whether a clause says nothing beyond an instruction to the skill: it needs a text from elsewhere. */
export function isBareInstruction(clause: string, profile: SkillProfile): boolean {
  return splitInstruction(clause, profile).rest === '';
}

/** Whether a clause opens with one of the skill's verbs: the lead word of an example, or a tag. */
export function opensWithSkillVerb(clause: string, profile: SkillProfile): boolean {
  const lead = leadingWord(clause);
  if (lead === undefined) return false;
  const root = stem(lead);
  return profile.tagStems.has(root) || profile.examples.some((example) => example.lead && stem(example.lead) === root);
}

/**
 * The clause as an instruction the skill reads: one that does not open with the skill's verb
 * ("in bullet points") gets the verb of the example it matched ("rewrite in bullet points").
 */
export function asInstruction(clause: string, profile: SkillProfile, example = profile.examples[0]): string {
  if (opensWithSkillVerb(clause, profile)) return clause;
  const verb = example?.lead ?? profile.examples.find((each) => each.lead)?.lead;
  return verb ? `${verb} ${clause}` : clause;
}

/** Joins an instruction and the text it works on as the skill's examples do (`summarize: <text>`). */
export function withText(instruction: string, text: string, profile: SkillProfile): string {
  const separator = profile.examples.find((example) => example.separator)?.separator ?? '\n\n';
  return `${instruction.replace(/[\s:]+$/, '')}${separator}${text}`;
}
