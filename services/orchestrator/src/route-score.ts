import { hintsOf } from './route-hints.ts';
import type { ExampleProfile, SkillProfile } from './route-skill-profile.ts';
import { allStems, containsSequence, contentWords, leadingWord, stem } from './route-text.ts';

/** What is known of a clause besides its words. */
export interface ClauseShape {
  /** The clause is an instruction followed by a text to work on (`tl;dr: <text>`). */
  readonly withText?: boolean;
}

/** How well one skill fits one clause, and why. */
export interface SkillScore {
  readonly profile: SkillProfile;
  readonly score: number;
  /** The evidence, for a step's `reason`: `tags summarize`, `example "15% of 80"`, `looks like percentages`. */
  readonly evidence: readonly string[];
  /** The example that matched best, if any did. */
  readonly example: ExampleProfile | undefined;
  /** The names of the recognizers' hints that point to this skill (`question`, `percentages`). */
  readonly hints: readonly string[];
}

/**
 * The score a clause needs before a skill is chosen for it. One tag hit (3) is not enough on its
 * own ("time" is a calculator tag, "what time is my flight" is not for it); a tag with any other
 * evidence, an example matched as a phrase, or a recognizer's hint is.
 */
export const minimumScore = 3.5;

/**
 * What a clause needs when its context already says that a specialist is wanted: a bare
 * instruction to a text-taking skill after an earlier answer ("in Spanish", "shorter"), or the
 * topic an instruction to a text-taking skill is about ("summarize *the docs on retention*").
 * One tag is enough there; said out of the blue, it is not.
 */
export const contextMinimumScore = 3;

/** What each kind of word is worth; a word counts once, at its best kind. */
const weights = {
  tag: 3,
  tagPhrase: 3,
  name: 2,
  example: 1.5,
  description: 0.75,
  agent: 0.5,
  lead: 1,
  phrase: 3,
  textShape: 1,
};

/**
 * Scores a clause against a skill: its words against the skill's tags (weighted highest), name,
 * examples, description and the agent's description; its examples as phrases (the share of an
 * example's words the clause has, once it has two of them or all of a short one); a leading
 * word shared with an example ("summarize …", "convert …"); an instruction followed by a text,
 * for a skill whose examples take one; and the recognizers' hints by tag.
 */
export function scoreSkill(clause: string, profile: SkillProfile, shape: ClauseShape = {}): SkillScore {
  const words = contentWords(clause);
  const stems = new Set(words.keys());
  const sequence = allStems(clause);
  const evidence: string[] = [];
  let score = 0;

  const tagged: string[] = [];
  const worded: string[] = [];
  for (const word of stems) {
    if (profile.tagStems.has(word)) {
      score += weights.tag;
      tagged.push(profile.tagNames.get(word) ?? word);
    } else if (profile.nameStems.has(word)) {
      score += weights.name;
      worded.push(words.get(word) ?? word);
    } else if (profile.exampleStems.has(word)) {
      score += weights.example;
      worded.push(words.get(word) ?? word);
    } else if (profile.descriptionStems.has(word)) {
      score += weights.description;
      worded.push(words.get(word) ?? word);
    } else if (profile.agentStems.has(word)) {
      score += weights.agent;
    }
  }
  for (const phrase of profile.tagPhrases) {
    if (containsSequence(sequence, phrase.stems)) {
      score += weights.tagPhrase;
      tagged.push(phrase.tag);
    }
  }
  if (tagged.length > 0) evidence.push(`tags ${tagged.join(', ')}`);

  const example = bestExample(stems, profile.examples);
  if (example) {
    score += weights.phrase * example.share;
    evidence.push(`example "${example.example.text}"`);
  } else if (worded.length > 0) {
    evidence.push(`words ${worded.join(', ')}`);
  }

  // "tl;dr: <text>" has the shape of a text-taking skill's examples, whatever its words.
  if (shape.withText && profile.takesText) {
    score += weights.textShape;
    evidence.push('instruction and text, as its examples');
  }

  const lead = leadingWord(clause);
  if (lead && profile.examples.some((each) => each.lead !== undefined && stem(each.lead) === stem(lead))) {
    score += weights.lead;
  }

  const hints: string[] = [];
  for (const hint of hintsOf(clause)) {
    const matching = hint.tags.filter((tag) => profile.tagStems.has(stem(tag)));
    if (matching.length === 0) continue;
    score += hint.weight + Math.min(2, (matching.length - 1) * hint.perExtraTag);
    hints.push(hint.name);
    evidence.push(`looks like ${hint.name}`);
  }
  return { profile, score, evidence, example: example?.example, hints };
}

function bestExample(
  stems: ReadonlySet<string>,
  examples: readonly ExampleProfile[],
): { example: ExampleProfile; share: number } | undefined {
  let best: { example: ExampleProfile; share: number } | undefined;
  for (const example of examples) {
    if (example.stems.length === 0) continue;
    const shared = example.stems.filter((word) => stems.has(word)).length;
    const matches = shared >= 2 || (shared >= 1 && shared === example.stems.length);
    const share = shared / example.stems.length;
    if (matches && (!best || share > best.share)) best = { example, share };
  }
  return best;
}

/** Every skill scored for a clause, best first. */
export function rankSkills(clause: string, profiles: readonly SkillProfile[], shape: ClauseShape = {}): SkillScore[] {
  return profiles.map((profile) => scoreSkill(clause, profile, shape)).sort((a, b) => b.score - a.score);
}
