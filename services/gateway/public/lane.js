import { h, setText, stickToEnd } from './dom.js';
import { mergeArtifact } from './artifact-parts.js';
import { dataOf, formatDuration, textOf } from './event-shape.js';
import { setBadge } from './states.js';

/**
 * One lane of the timeline: one agent's part of the task (the orchestrator's own, or one planned
 * step of a specialist). It lists the lane's steps in the order their events arrived, each row
 * tagged with the sequence number of the event that created it (`data-seq`), and the agent's own
 * outputs as they stream.
 */
export class Lane {
  /** @param {{ id: string, title: string, agent?: string, step?: string, skillId?: string, text?: string, dependsOn?: string[], state: string }} options */
  constructor(options) {
    this.id = options.id;
    this.agent = options.agent;
    this.step = options.step;
    this.state = options.state;
    this.#badge = h('span', { class: 'lane-badge' });
    this.#title = h('h3', { class: 'lane-title' }, options.title);
    this.#meta = h('p', { class: 'lane-meta' });
    this.#request = h('p', { class: 'lane-request' });
    this.#steps = h('ol', { class: 'steps', 'aria-label': `Steps of ${options.title}` });
    this.#outputs = h('div', { class: 'lane-outputs' });
    this.element = h(
      'section',
      { class: 'lane', dataset: { lane: this.id }, 'aria-label': options.title },
      h('header', { class: 'lane-header' }, this.#title, this.#badge),
      this.#meta,
      this.#request,
      this.#steps,
      this.#outputs,
    );
    this.describe(options);
    setBadge(this.#badge, this.state);
  }

  #badge;
  #title;
  #meta;
  #request;
  #steps;
  #outputs;
  #lastTime;
  #nodes = new Map();
  #artifacts = new Map();

  /** Shows what the plan says of this lane: its step id, skill, request and dependencies. */
  describe({ title, step, skillId, text, dependsOn }) {
    if (title) setText(this.#title, title);
    const meta = [
      step && `step ${step}`,
      skillId && `skill ${skillId}`,
      dependsOn?.length && `after ${dependsOn.join(', ')}`,
    ];
    setText(this.#meta, meta.filter(Boolean).join(' · '));
    this.#meta.hidden = this.#meta.textContent === '';
    if (text !== undefined) setText(this.#request, text);
    this.#request.hidden = this.#request.textContent === '';
  }

  setState(state) {
    if (!state || state === this.state) return;
    this.state = state;
    this.element.dataset.state = state;
    setBadge(this.#badge, state);
  }

  /** A step that is a status message: its text, and the time since this lane's previous event. */
  addStep(seq, text, time, kind = 'progress') {
    const since = this.#since(time);
    this.#row(
      h(
        'li',
        { class: `step step--${kind}`, dataset: { seq: String(seq), kind } },
        h('span', { class: 'step-text' }, text),
        since === undefined
          ? null
          : h(
              'span',
              { class: 'step-time', title: 'time since the previous event of this lane' },
              `+${formatDuration(since)}`,
            ),
      ),
    );
  }

  /** A graph node started: a row that shows it running until its end arrives. */
  nodeStart(seq, timing, time) {
    this.#since(time);
    const duration = h('span', { class: 'step-time' }, 'running…');
    const row = h(
      'li',
      { class: 'step step--node', dataset: { seq: String(seq), kind: 'node', node: timing.node, phase: 'running' } },
      h('span', { class: 'step-text' }, h('span', { class: 'node-tag' }, 'node'), ' ', timing.node),
      duration,
    );
    this.#nodes.set(timing.nodeRunId ?? timing.node, { row, duration, start: time });
    this.#row(row);
  }

  /** A graph node ended: its row gets the duration the agent measured (or the time between). */
  nodeEnd(seq, timing, time) {
    const key = timing.nodeRunId ?? timing.node;
    const open = this.#nodes.get(key);
    this.#nodes.delete(key);
    this.#since(time);
    const ms = timing.durationMs ?? (open && time !== undefined ? time - open.start : undefined);
    const label = `${timing.interrupted ? 'paused for input after ' : ''}${formatDuration(ms) || 'done'}`;
    if (!open) {
      // Its start was never seen (trimmed from the log): the end alone is still a step.
      this.#row(
        h(
          'li',
          { class: 'step step--node', dataset: { seq: String(seq), kind: 'node', node: timing.node, phase: 'done' } },
          h('span', { class: 'step-text' }, h('span', { class: 'node-tag' }, 'node'), ' ', timing.node),
          h('span', { class: 'step-time' }, label),
        ),
      );
      return;
    }
    open.row.dataset.endSeq = String(seq);
    open.row.dataset.phase = timing.interrupted ? 'interrupted' : 'done';
    setText(open.duration, label);
    open.duration.title = timing.durationMs === undefined ? 'time between its start and end events' : 'node run time';
  }

  /** Rows of nodes still running when the lane stopped: they will not end. */
  stopRunningNodes(label) {
    for (const { row, duration } of this.#nodes.values()) {
      row.dataset.phase = 'stopped';
      setText(duration, label);
    }
    this.#nodes.clear();
  }

  /** Streams one of this agent's artifacts into the lane. */
  artifact(event) {
    const id = String(event.artifact?.artifactId ?? '');
    const known = this.#artifacts.get(id);
    const merged = mergeArtifact(known, event);
    let view = known?.view;
    if (!view) {
      const name = merged.name || id.split('/').pop() || 'output';
      view = { body: h('div', { class: 'output-text' }), heading: h('h4', {}, name) };
      this.#outputs.append(
        h('section', { class: 'lane-output', dataset: { artifactId: id } }, view.heading, view.body),
      );
    }
    this.#artifacts.set(id, { ...merged, view });
    const text = textOf(merged.parts, '');
    const data = dataOf(merged.parts);
    stickToEnd(view.body, () =>
      setText(view.body, text || (data.length ? JSON.stringify(data, null, 2).slice(0, 2000) : '')),
    );
  }

  #row(row) {
    stickToEnd(this.#steps, () => this.#steps.append(row));
  }

  #since(time) {
    const previous = this.#lastTime;
    if (time !== undefined) this.#lastTime = time;
    return previous === undefined || time === undefined ? undefined : Math.max(0, time - previous);
  }
}
