import type { ConversationTurn, KnownAgent, Plan, PlanStep, Planner } from './plan.ts';
import { routeClause } from './route-clause.ts';
import type { ClauseRoute } from './route-clause.ts';
import { splitClauses } from './route-clauses.ts';
import type { Clause, ClauseRules } from './route-clauses.ts';
import { hintsOf } from './route-hints.ts';
import { asInstruction, isBareInstruction, opensWithSkillVerb, withText } from './route-instruction.ts';
import { describeMesh, downMessage, nameOf, unservedMessage } from './route-messages.ts';
import { backReferenceOf } from './route-references.ts';
import { minimumScore, rankSkills } from './route-score.ts';
import type { SkillScore } from './route-score.ts';
import { profileSkills } from './route-skill-profile.ts';
import type { SkillProfile } from './route-skill-profile.ts';
import { leadingWord } from './route-text.ts';

/**
 * Verbs that start a request of their own after "and": "… and book me a flight" is a second
 * request (one the mesh may not serve), "… and retries" is not.
 */
const requestVerbs = new Set(
  (
    'tell give show find search look list explain describe summarize summarise rewrite make turn convert ' +
    'calculate compute translate write create check get send book order buy schedule remind play open draft ' +
    'compare count add subtract multiply divide'
  ).split(' '),
);

/**
 * Plans from the healthy agents' cards alone, with no LLM and no agent known in advance.
 *
 * The request is split into clauses (see `splitClauses`); each clause is scored against every
 * skill of every card — tags above names above example words above description words, examples
 * also as phrases, and recognizers for math-looking input and questions that point to skills by
 * their tags — and goes to the best healthy skill scoring at least `minimumScore`. Clauses
 * become steps that run in parallel, except that a clause referring back ("summarize it", "make
 * that shorter") or consisting of nothing but an instruction to a text-taking skill depends on
 * the clause before it, or, as the first clause of a follow-up, carries the last answer of the
 * conversation in its text; a clause that opens with such an instruction and names what another
 * specialist finds ("summarize what the docs say about heartbeats") is a chain of two steps.
 * An agent that is down is never chosen: the next healthy one that fits is, or the `unserved`
 * sentence says which agent would have served and why it cannot. A request nothing serves gets no steps and an `unserved` sentence
 * naming what the mesh can do; a part of a request nothing serves is named the same way beside
 * the steps for the rest.
 */
export class DeterministicPlanner implements Planner {
  async plan(request: string, agents: readonly KnownAgent[], history: readonly ConversationTurn[]): Promise<Plan> {
    return planDeterministically(request, agents, history);
  }
}

/** {@link DeterministicPlanner}'s plan, synchronously. */
export function planDeterministically(
  request: string,
  agents: readonly KnownAgent[],
  history: readonly ConversationTurn[] = [],
): Plan {
  if (request.trim() === '') return { steps: [], unserved: unservedMessage(request, agents), planner: 'deterministic' };
  const profiles = profileSkills(agents);
  const routes = mergeStragglers(routeRequest(request, profiles, history.length > 0));
  const { steps, notes } = buildSteps(routes, history.at(-1)?.answer);
  if (steps.length === 0) {
    const single = routes.length <= 1 && routes[0]?.kind !== 'down';
    const unserved = single ? unservedMessage(request, agents) : `${notes.join(' ')} ${describeMesh(agents)}`;
    return { steps: [], unserved, planner: 'deterministic' };
  }
  return notes.length === 0
    ? { steps, planner: 'deterministic' }
    : { steps, unserved: `${notes.join(' ')} ${describeMesh(agents)}`, planner: 'deterministic' };
}

function routeRequest(request: string, profiles: readonly SkillProfile[], followUp: boolean): ClauseRoute[] {
  const rules = clauseRules(profiles);
  const route = (clause: Clause, index: number) => routeClause(clause, profiles, { followUp: followUp && index === 0 });
  const clauses = splitClauses(request, rules);
  const routes = clauses.map(route);
  // A colon that was not an instruction's ("Note: how does resubscribe work?") is read again as text.
  if (clauses.at(-1)?.payload !== undefined && routes.at(-1)?.kind === 'unservable') {
    return splitClauses(request, rules, { payload: false }).map(route);
  }
  return routes;
}

function clauseRules(profiles: readonly SkillProfile[]): ClauseRules {
  const fits = (text: string) => (rankSkills(text, profiles)[0]?.score ?? 0) >= minimumScore;
  return {
    startsClause(text) {
      const lead = leadingWord(text);
      if (lead === undefined || /^\d/.test(lead)) return hintsOf(text).length > 0;
      return requestVerbs.has(lead) || hintsOf(text).length > 0 || fits(text);
    },
    takesText(line) {
      const best = rankSkills(line, profiles)[0];
      return !!best && best.score >= minimumScore && best.profile.takesText && opensWithSkillVerb(line, best.profile);
    },
  };
}

/**
 * A few words after a sentence end that nothing serves ("How does resubscribe work? Briefly.")
 * belong to the clause before them.
 */
function mergeStragglers(routes: readonly ClauseRoute[]): ClauseRoute[] {
  const merged: ClauseRoute[] = [];
  for (const route of routes) {
    const previous = merged.at(-1);
    const { clause } = route;
    const straggler = route.kind === 'unservable' && clause.joinedBy === 'hard' && clause.text.split(/\s+/).length <= 3;
    if (straggler && previous?.kind === 'skill' && previous.clause.payload === undefined) {
      merged[merged.length - 1] = {
        ...previous,
        clause: { ...previous.clause, text: `${previous.clause.text} ${clause.text}` },
      };
    } else {
      merged.push(route);
    }
  }
  return merged;
}

function buildSteps(routes: readonly ClauseRoute[], lastAnswer: string | undefined) {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  /** Per clause so far: the step that answers it, or undefined when it gets none. */
  const answers: (string | undefined)[] = [];
  const nextId = () => `s${steps.length + 1}`;

  for (const route of routes) {
    const text = textOf(route.clause);
    switch (route.kind) {
      case 'unservable':
        notes.push(`No specialist can help with "${text}".`);
        answers.push(undefined);
        break;
      case 'down':
        notes.push(downMessage(text, route.best.profile.agent));
        answers.push(undefined);
        break;
      case 'chain': {
        const source = { id: nextId(), ...stepFor(route.source, route.sourceText) };
        steps.push(source);
        const consumer = route.consumer.profile;
        steps.push({
          id: nextId(),
          ...stepFor(route.consumer, asInstruction(route.instruction, consumer, route.consumer.example)),
          dependsOn: [source.id],
          reason: `${reasonOf(route.consumer)}; works on the output of ${source.id}`,
        });
        answers.push(steps.at(-1)!.id);
        break;
      }
      case 'skill': {
        const step = skillStep(route, answers, lastAnswer);
        if (step === undefined) {
          notes.push(`"${text}" needs the result of the part before it, which cannot run.`);
          answers.push(undefined);
        } else {
          steps.push({ id: nextId(), ...step });
          answers.push(steps.at(-1)!.id);
        }
        break;
      }
      default:
        route satisfies never;
    }
  }
  return { steps, notes };
}

/**
 * A clause's step: on its own, on the output of earlier steps, or on the previous answer;
 * undefined when it works on an earlier clause that gets no step.
 */
function skillStep(
  route: Extract<ClauseRoute, { kind: 'skill' }>,
  earlier: readonly (string | undefined)[],
  lastAnswer: string | undefined,
): Omit<PlanStep, 'id'> | undefined {
  const { clause, chosen } = route;
  const profile = chosen.profile;
  const down = route.betterButDown
    ? `; ${nameOf(route.betterButDown.profile.agent)} fits better but is down (${route.betterButDown.profile.agent.problem ?? 'not answering'})`
    : '';
  // "it" is not always a reference ("will it rain?"): it is one for a skill that works on a
  // text, or in a clause that says nothing the skill does not say itself ("convert it to miles").
  const reference = backReferenceOf(clause.text);
  const bare = isBareInstruction(clause.text, profile);
  const needsInput =
    clause.payload === undefined &&
    (profile.takesText ? reference !== undefined || bare : reference !== undefined && bare);
  const instruction = profile.takesText ? asInstruction(clause.text, profile, chosen.example) : clause.text;

  if (needsInput && earlier.length > 0) {
    const served = earlier.filter((id) => id !== undefined);
    const dependsOn = reference === 'all' ? served : earlier.slice(-1).filter((id) => id !== undefined);
    if (dependsOn.length === 0) return undefined;
    const reason = `${reasonOf(chosen)}${down}; works on the output of ${dependsOn.join(', ')}`;
    return { ...stepFor(chosen, instruction), dependsOn, reason };
  }
  if (needsInput && lastAnswer !== undefined) {
    const text = profile.takesText ? withText(instruction, lastAnswer, profile) : `${clause.text}\n\n${lastAnswer}`;
    return { ...stepFor(chosen, text), reason: `${reasonOf(chosen)}${down}; follow-up: works on the previous answer` };
  }
  const text = clause.payload === undefined ? instruction : textOf(clause);
  return { ...stepFor(chosen, text), reason: `${reasonOf(chosen)}${down}` };
}

/** A clause as written, with its payload. */
function textOf(clause: Clause): string {
  return clause.payload === undefined ? clause.text : `${clause.text}${clause.separator ?? ': '}${clause.payload}`;
}

function stepFor(score: SkillScore, text: string): Omit<PlanStep, 'id'> {
  return { agent: score.profile.agent.key, skillId: score.profile.skill.id, text, reason: reasonOf(score) };
}

function reasonOf(score: SkillScore): string {
  const evidence = score.evidence.length > 0 ? score.evidence.join('; ') : 'best match';
  return `${nameOf(score.profile.agent)}/${score.profile.skill.id}: ${evidence} (score ${score.score.toFixed(1)})`;
}
