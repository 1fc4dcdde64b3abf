/**
 * A tiny DOM builder. Every string becomes a text node (never parsed as HTML), so text from events,
 * agent cards and answers can never inject markup.
 *
 * @param {string} tag
 * @param {Record<string, unknown>} [props] `class`, `text`, `dataset`, `on<event>` handlers, or attributes
 * @param {...(Node | string | number | false | null | undefined | Array<Node | string>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name === 'text') element.textContent = String(value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nodes or text) to a parent, skipping empty ones. */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** The element with this id; throws when the page lacks it, which is a bug in index.html. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element;
}

/** Keeps a scrollable list pinned to its end when it was at its end before new content arrived. */
export function stickToEnd(list, update) {
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  update();
  if (atEnd) list.scrollTop = list.scrollHeight;
}

/** Sets an element's text (as text, never HTML). */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
