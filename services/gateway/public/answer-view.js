import { mergeArtifact } from './artifact-parts.js';
import { h, setText } from './dom.js';
import { dataOf, textOf } from './event-shape.js';
import { richText } from './rich-text.js';

/** The orchestrator's final answer artifact. */
const ANSWER_ID = 'answer';

/**
 * The answer panel: the orchestrator's own artifacts, streamed as they are written. `answer` comes
 * first; any other artifact of the orchestrator's follows under its name. The region is
 * `aria-live="polite"` and `aria-busy` while it streams, so a screen reader reads the answer once
 * it settles rather than every chunk.
 */
export class AnswerView {
  #region;
  #body;
  #artifacts = new Map();

  constructor(region, body) {
    this.#region = region;
    this.#body = body;
    this.#artifacts.clear();
    this.#body.replaceChildren(h('p', { class: 'empty' }, 'The answer appears here as it is written.'));
    this.#region.setAttribute('aria-busy', 'false');
  }

  /**
   * Shows a specialist's artifact as the answer being written, while the orchestrator's own
   * answer has not arrived: the last steps of a plan write the answer, chunk by chunk. The
   * orchestrator's `answer` replaces every draft when it comes.
   */
  draft(event, label) {
    if (this.#artifacts.has(ANSWER_ID)) return;
    const id = `draft:${String(event.artifact?.artifactId ?? '')}`;
    this.artifact({ ...event, artifact: { ...event.artifact, artifactId: id, name: `${label} is writing…` } });
    this.#artifacts.get(id)?.view.section.classList.add('draft');
  }

  /** Applies an `artifact-update` of the orchestrator's own (or a task snapshot's artifact). */
  artifact(event) {
    const id = String(event.artifact?.artifactId ?? '');
    if (id === ANSWER_ID) this.#dropDrafts();
    const known = this.#artifacts.get(id);
    const merged = mergeArtifact(known, event);
    const view = known?.view ?? this.#view(id, merged.name);
    this.#artifacts.set(id, { ...merged, view });
    const streaming = event.lastChunk === false || (event.append === true && event.lastChunk !== true);
    this.#region.setAttribute('aria-busy', String(streaming));
    view.text.replaceChildren(...richText(textOf(merged.parts, '')));
    const data = dataOf(merged.parts);
    view.data.hidden = data.length === 0;
    if (data.length > 0) setText(view.json, JSON.stringify(data.length === 1 ? data[0] : data, null, 2));
  }

  #dropDrafts() {
    for (const [id, artifact] of this.#artifacts) {
      if (!id.startsWith('draft:')) continue;
      artifact.view.section.remove();
      this.#artifacts.delete(id);
    }
  }

  /** The task ended or paused: whatever streamed is all there is for now. */
  settle() {
    this.#region.setAttribute('aria-busy', 'false');
  }

  #view(id, name) {
    if (this.#artifacts.size === 0) this.#body.replaceChildren();
    const json = h('pre', { class: 'json' });
    const view = {
      text: h('div', { class: 'answer-text' }),
      data: h('details', { class: 'answer-data', hidden: true }, h('summary', {}, 'Structured data'), json),
      json,
      section: undefined,
    };
    const section = (view.section = h(
      'section',
      { class: 'answer-artifact', dataset: { artifactId: id } },
      id === ANSWER_ID ? null : h('h3', { class: 'artifact-name' }, name || id),
      view.text,
      view.data,
    ));
    if (id === ANSWER_ID) this.#body.prepend(section);
    else this.#body.append(section);
    return view;
  }
}
