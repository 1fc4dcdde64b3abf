import { h, setText, stickToEnd } from './dom.js';
import { formatDuration, provenanceOf, textOf, timingOf } from './event-shape.js';

/**
 * Every event applied to the page, in order, one row each with its sequence number (`data-seq`):
 * the raw truth behind the timeline, for people debugging a stream (and for tests).
 */
export class EventLog {
  #list;
  #count;
  #size = 0;

  constructor(list, count) {
    this.#list = list;
    this.#count = count;
    list.replaceChildren();
    setText(count, '0 events');
  }

  add(seq, kind, event) {
    this.#size += 1;
    setText(this.#count, `${this.#size} event${this.#size === 1 ? '' : 's'}, last #${seq}`);
    stickToEnd(this.#list, () =>
      this.#list.append(
        h(
          'li',
          { dataset: { seq: String(seq), kind } },
          h('span', { class: 'log-seq' }, `#${seq}`),
          h('span', { class: 'log-kind' }, kind),
          h('span', { class: 'log-summary' }, summary(kind, event)),
        ),
      ),
    );
  }
}

function summary(kind, event) {
  const from = provenanceOf(event);
  const where = from ? `${from.agent}${from.step ? ` ${from.step}` : ''}: ` : '';
  switch (kind) {
    case 'task':
      return `${event.status?.state ?? ''}`;
    case 'status-update': {
      const state = from?.upstreamState ?? event.status?.state ?? '';
      const timing = timingOf(event.metadata);
      const node = timing
        ? ` · node ${timing.node} ${timing.phase}${timing.durationMs === undefined ? '' : ` ${formatDuration(timing.durationMs)}`}`
        : '';
      const text = textOf(event.status?.message?.parts, ' ').slice(0, 160);
      return `${where}${state}${event.final ? ' (final)' : ''}${node}${text ? ` — ${text}` : ''}`;
    }
    case 'artifact-update':
      return `${where}${event.artifact?.artifactId ?? ''}${event.append ? ' +' : ''}${event.lastChunk ? ' (last)' : ''}`;
    case 'message':
      return `${event.role ?? ''}: ${textOf(event.parts, ' ').slice(0, 160)}`;
    default:
      return '';
  }
}
