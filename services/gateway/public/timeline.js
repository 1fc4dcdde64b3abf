import { Lane } from './lane.js';
import { INTERRUPTED_STATES, TERMINAL_STATES } from './states.js';

export const ORCHESTRATOR_LANE = 'orchestrator';

/**
 * The live timeline: the orchestrator's own lane first, then one lane per planned step (created
 * when the plan arrives) or per agent seen in a relayed event's provenance without a plan.
 */
export class Timeline {
  #container;
  #names;
  #lanes = new Map();

  /**
   * @param {HTMLElement} container
   * @param {(agentKey: string) => string} nameOf an agent's display name, from its card
   */
  constructor(container, nameOf) {
    this.#container = container;
    this.#names = nameOf;
    container.replaceChildren();
    this.#add(new Lane({ id: ORCHESTRATOR_LANE, title: 'Orchestrator', agent: undefined, state: 'submitted' }));
  }

  get orchestrator() {
    return this.#lanes.get(ORCHESTRATOR_LANE);
  }

  /** Lanes for the plan's steps, in plan order, each waiting for its agent's first event. */
  plan(plan) {
    for (const step of plan.steps) {
      const options = {
        title: this.#names(step.agent),
        step: step.id,
        skillId: step.skillId,
        text: step.text,
        dependsOn: step.dependsOn,
      };
      const lane = this.#lanes.get(step.id);
      if (lane) lane.describe(options);
      else this.#add(new Lane({ id: step.id, agent: step.agent, state: 'planned', ...options }));
    }
  }

  /** The lane of a relayed event: its planned step's, else its agent's (created on first sight). */
  laneOf(provenance) {
    const { agent, step } = provenance;
    if (step) {
      const lane = this.#lanes.get(step);
      if (lane) return lane;
      return this.#add(new Lane({ id: step, agent, step, title: this.#names(agent), state: 'submitted' }));
    }
    for (const lane of this.#lanes.values()) if (lane.agent === agent) return lane;
    return this.#add(new Lane({ id: `agent:${agent}`, agent, title: this.#names(agent), state: 'submitted' }));
  }

  /**
   * The task ended: lanes still running will not report again. They show the task's end when it
   * was canceled (the orchestrator cancels its specialists' tasks too); otherwise they keep their
   * last state, and nodes still shown running say they stopped.
   */
  finish(taskState) {
    if (!TERMINAL_STATES.has(taskState)) return;
    for (const lane of this.#lanes.values()) {
      if (TERMINAL_STATES.has(lane.state)) continue;
      lane.stopRunningNodes(taskState === 'completed' ? 'no end reported' : taskState);
      if (taskState === 'canceled' && lane.state !== 'planned') lane.setState('canceled');
      if (lane === this.orchestrator || INTERRUPTED_STATES.has(lane.state)) lane.setState(taskState);
    }
  }

  #add(lane) {
    this.#lanes.set(lane.id, lane);
    this.#container.append(lane.element);
    return lane;
  }
}
