import type { Clause } from './route-clauses.ts';
import { isBareInstruction, opensWithSkillVerb, splitInstruction } from './route-instruction.ts';
import { contextMinimumScore, minimumScore, rankSkills, scoreSkill } from './route-score.ts';
import type { SkillScore } from './route-score.ts';
import type { SkillProfile } from './route-skill-profile.ts';
import { contentStems } from './route-text.ts';

/** Where one clause goes. */
export type ClauseRoute =
  /** To a healthy skill; `betterButDown` is a better fit whose agent is down. */
  | { kind: 'skill'; clause: Clause; chosen: SkillScore; betterButDown?: SkillScore }
  /**
   * An instruction to a text-taking skill about something another specialist finds:
   * "summarize what the docs say about heartbeats" is `source` (the docs), then `consumer`.
   */
  | { kind: 'chain'; clause: Clause; source: SkillScore; sourceText: string; consumer: SkillScore; instruction: string }
  /** Only an agent that is down fits. */
  | { kind: 'down'; clause: Clause; best: SkillScore }
  /** Nothing fits well enough. */
  | { kind: 'unservable'; clause: Clause };

/**
 * The best healthy skill for a text, or why there is none: the best-scoring healthy skill that
 * reaches `minimum` (default {@link minimumScore}); else, when an agent that is down would, that one as `down`; else,
 * for a question, the best healthy skill that answers questions (it can say it found nothing);
 * else, when `textTakingFollowUp` is set, a text-taking skill the text is a bare instruction to
 * ("in Spanish", "shorter"), if it scores at least a tag's worth.
 */
export function pickSkill(
  text: string,
  profiles: readonly SkillProfile[],
  options: { textTakingFollowUp?: boolean; withText?: boolean; minimum?: number } = {},
): { chosen?: SkillScore; betterButDown?: SkillScore; down?: SkillScore } {
  const minimum = options.minimum ?? minimumScore;
  const ranked = rankSkills(text, profiles, { withText: options.withText });
  const best = ranked[0];
  const healthy = ranked.filter((score) => score.profile.agent.healthy);
  const chosen = healthy.find((score) => score.score >= minimum);
  if (chosen) {
    const betterButDown = best && best !== chosen && best.score > chosen.score ? best : undefined;
    return betterButDown ? { chosen, betterButDown } : { chosen };
  }
  if (best && best.score >= minimum) return { down: best };
  const answers = healthy.find((score) => score.hints.includes('question'));
  if (answers) return { chosen: answers };
  const instructed = options.textTakingFollowUp
    ? healthy.find(
        (score) =>
          score.profile.takesText && score.score >= contextMinimumScore && isBareInstruction(text, score.profile),
      )
    : undefined;
  return instructed ? { chosen: instructed } : {};
}

/**
 * Routes one clause. A clause that opens with the verb of a text-taking skill and then names
 * something another specialist serves becomes a chain; otherwise {@link pickSkill} decides, with
 * `followUp` set for the first clause of a request that follows an earlier answer. A clause
 * with a payload is routed by its instruction alone: the text to work on says nothing about who
 * should work on it.
 */
export function routeClause(
  clause: Clause,
  profiles: readonly SkillProfile[],
  options: { followUp?: boolean } = {},
): ClauseRoute {
  const chain = clause.payload === undefined ? findChain(clause, profiles) : undefined;
  if (chain) return chain;
  const { chosen, betterButDown, down } = pickSkill(clause.text, profiles, {
    textTakingFollowUp: options.followUp,
    withText: clause.payload !== undefined,
  });
  if (chosen) {
    return betterButDown ? { kind: 'skill', clause, chosen, betterButDown } : { kind: 'skill', clause, chosen };
  }
  if (down) return { kind: 'down', clause, best: down };
  return { kind: 'unservable', clause };
}

function findChain(clause: Clause, profiles: readonly SkillProfile[]): ClauseRoute | undefined {
  const consumers = profiles
    .filter((profile) => profile.takesText && profile.agent.healthy && opensWithSkillVerb(clause.text, profile))
    .map((profile) => ({ profile, ...splitInstruction(clause.text, profile) }))
    .filter((candidate) => contentStems(candidate.rest).length > 0)
    .map((candidate) => ({ ...candidate, score: scoreSkill(candidate.instruction, candidate.profile) }))
    .sort((a, b) => b.score.score - a.score.score);
  for (const consumer of consumers) {
    const others = profiles.filter((profile) => profile.agent.key !== consumer.profile.agent.key);
    const { chosen, down } = pickSkill(consumer.rest, others, { minimum: contextMinimumScore });
    // What to work on is found by a specialist that is down: say so, rather than send the writer a topic.
    if (!chosen && down) return { kind: 'down', clause, best: down };
    if (!chosen) continue;
    return {
      kind: 'chain',
      clause,
      source: chosen,
      sourceText: consumer.rest,
      consumer: consumer.score,
      instruction: consumer.instruction,
    };
  }
  return undefined;
}
