import { AnswerView } from './answer-view.js';
import { byId, setText } from './dom.js';
import { EventLog } from './event-log.js';
import { isObject, planOf, provenanceOf, textOf, timeOf, timingOf } from './event-shape.js';
import { INTERRUPTED_STATES, TERMINAL_STATES, setBadge, stateWords } from './states.js';
import { Timeline } from './timeline.js';

/**
 * The page's view of one task, built only from its events, in sequence order: the task's badge and
 * controls, the timeline's lanes, the answer, the question to answer, and the event log. A reload
 * rebuilds the same view by replaying the whole log.
 */
export class TaskView {
  #timeline;
  #answer;
  /** Steps of the plan that no other step depends on: their output is the answer. */
  #finalSteps = new Set();
  #log;
  #state = 'submitted';
  #question = '';
  #startedAt;

  /** @param {string} taskId @param {(agentKey: string) => string} nameOf */
  constructor(taskId, nameOf) {
    this.taskId = taskId;
    this.contextId = undefined;
    byId('task').hidden = false;
    setText(byId('task-id'), taskId);
    byId('task-id').title = taskId;
    setText(byId('you-asked'), '');
    this.#timeline = new Timeline(byId('timeline'), nameOf);
    this.#answer = new AnswerView(byId('answer'), byId('answer-body'));
    this.#log = new EventLog(byId('event-log'), byId('event-count'));
    this.setConnection({ state: 'connecting', reconnects: 0 });
    this.#setState('submitted', undefined);
  }

  get state() {
    return this.#state;
  }

  get isRunning() {
    return !TERMINAL_STATES.has(this.#state);
  }

  /** Shows what the user asked (from the created task, before its events arrive). */
  showRequest(text) {
    if (text) setText(byId('you-asked'), text);
  }

  /** Applies one event of the task's log; the stream guarantees each arrives once, in order. */
  apply(seq, kind, event) {
    this.#log.add(seq, kind, event);
    switch (kind) {
      case 'task':
        this.#task(seq, event);
        break;
      case 'status-update':
        this.#status(seq, event);
        break;
      case 'artifact-update':
        this.#artifact(event);
        break;
      case 'message':
        this.#timeline.orchestrator.addStep(seq, textOf(event.parts) || '(message)', Date.now(), 'message');
        break;
      default:
        break;
    }
  }

  /** The connection indicator: live, reconnecting…, resumed (N missed events replayed), … */
  setConnection({ state, replayed, reconnects, message }) {
    const indicator = byId('connection');
    const labels = {
      connecting: 'connecting…',
      live: 'live',
      reconnecting: 'reconnecting…',
      resumed: `resumed (${replayed ?? 0} missed event${replayed === 1 ? '' : 's'} replayed)`,
      paused: 'paused: waiting for your answer',
      ended:
        reconnects > 0
          ? `ended · resumed after ${reconnects === 1 ? 'a drop' : `${reconnects} drops`} (${replayed ?? 0} missed event${replayed === 1 ? '' : 's'} replayed)`
          : 'ended',
      closed: message ? `disconnected: ${message}` : 'disconnected',
    };
    indicator.dataset.state = state;
    setText(byId('connection-text'), labels[state] ?? state);
  }

  #task(seq, task) {
    if (typeof task.contextId === 'string') this.contextId = task.contextId;
    const asked = (Array.isArray(task.history) ? task.history : []).find((message) => message?.role === 'user');
    if (asked) this.showRequest(textOf(asked.parts));
    this.#startedAt = timeOf(task.status) ?? Date.now();
    this.#timeline.orchestrator.addStep(
      seq,
      `Task ${stateWords(task.status?.state ?? 'created')}`,
      this.#startedAt,
      'state',
    );
    for (const artifact of Array.isArray(task.artifacts) ? task.artifacts : []) {
      this.#artifact({ kind: 'artifact-update', artifact, metadata: artifact.metadata });
    }
    this.#setState(task.status?.state, task.status);
  }

  #status(seq, event) {
    const status = isObject(event.status) ? event.status : {};
    const time = timeOf(status) ?? Date.now();
    const from = provenanceOf(event);
    const timing = timingOf(event.metadata);
    const text = textOf(status.message?.parts);
    const plan = from ? undefined : planOf(status);
    const lane = from ? this.#timeline.laneOf(from) : this.#timeline.orchestrator;
    const laneState = (from ? from.upstreamState : undefined) ?? status.state;
    const changed = laneState !== lane.state;
    lane.setState(laneState);
    if (plan) {
      const needed = new Set(plan.steps.flatMap((step) => step.dependsOn ?? []));
      this.#finalSteps = new Set(plan.steps.filter((step) => !needed.has(step.id)).map((step) => step.id));
      this.#timeline.plan(plan);
      lane.addStep(seq, text || planSummary(plan), time, 'plan');
    } else if (text) {
      lane.addStep(seq, text, time, INTERRUPTED_STATES.has(laneState) ? 'question' : 'progress');
    } else if (timing?.phase === 'start') {
      lane.nodeStart(seq, timing, time);
    } else if (timing?.phase === 'end') {
      lane.nodeEnd(seq, timing, time);
    } else if (changed && laneState !== 'working') {
      lane.addStep(seq, `Task ${stateWords(laneState)}`, time, 'state');
    }
    this.#setState(status.state, status);
  }

  #artifact(event) {
    const from = provenanceOf(event);
    if (!from) return this.#answer.artifact(event);
    const lane = this.#timeline.laneOf(from);
    lane.artifact(event);
    // A step no other step waits for writes (part of) the answer: show it as it is written.
    if (this.#finalSteps.has(from.step)) this.#answer.draft(event, from.agent);
  }

  #setState(state, status) {
    if (typeof state !== 'string') return;
    this.#state = state;
    byId('task').dataset.state = state;
    setBadge(byId('task-badge'), state, 'Task');
    document.title = `Task ${stateWords(state)} · a2a-mesh`;
    byId('cancel').hidden = TERMINAL_STATES.has(state);
    const waiting = INTERRUPTED_STATES.has(state);
    if (waiting) this.#question = textOf(status?.message?.parts) || 'The task needs more input.';
    this.#showQuestion(waiting);
    if (waiting || TERMINAL_STATES.has(state)) this.#answer.settle();
    if (TERMINAL_STATES.has(state)) this.#timeline.finish(state);
  }

  #showQuestion(show) {
    const form = byId('question-form');
    const wasHidden = form.hidden;
    form.hidden = !show;
    if (!show) return;
    setText(byId('question-text'), this.#question);
    const reply = byId('reply');
    reply.disabled = false;
    // Bring the question to the user, unless they are typing something somewhere else.
    const active = document.activeElement;
    const typing = (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) && active.value !== '';
    if (wasHidden && !typing) reply.focus();
  }
}

function planSummary(plan) {
  if (plan.steps.length === 0) return plan.unserved ?? 'No agent can serve this request.';
  const steps = plan.steps.map((step) => `${step.id} ${step.agent}${step.skillId ? ` (${step.skillId})` : ''}`);
  return `Plan${plan.planner ? ` (${plan.planner})` : ''}: ${steps.join(', ')}`;
}
