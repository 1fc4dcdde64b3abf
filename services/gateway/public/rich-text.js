import { h } from './dom.js';

/**
 * Renders plain text with a little Markdown — `#` headings, `-`/`*`/`•` and `1.` lists, fenced code
 * blocks, `**bold**` and `` `code` `` — as DOM nodes built from text only, never through innerHTML.
 * Paragraphs keep their line breaks and leading spaces (the stylesheet sets `white-space:
 * pre-wrap`). Partial Markdown, as it is while an answer streams, degrades to plain text.
 *
 * @param {string} text
 * @returns {HTMLElement[]}
 */
export function richText(text) {
  const blocks = [];
  let paragraph = [];
  let list;
  let fence;
  const flush = () => {
    if (paragraph.length > 0) blocks.push(h('p', {}, ...inline(paragraph.join('\n'))));
    paragraph = [];
    list = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    if (fence) {
      if (/^\s*```/.test(line)) fence = undefined;
      else fence.textContent += `${fence.textContent ? '\n' : ''}${line}`;
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      fence = h('code');
      blocks.push(h('pre', {}, fence));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\s*(\d{1,9})[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push(h(heading[1].length <= 2 ? 'h3' : 'h4', {}, ...inline(heading[2])));
    } else if (bullet || numbered) {
      if (paragraph.length > 0) flush();
      const tag = bullet ? 'ul' : 'ol';
      if (list?.tagName.toLowerCase() !== tag) {
        list = h(tag, numbered && numbered[1] !== '1' ? { start: numbered[1] } : {});
        blocks.push(list);
      }
      list.append(h('li', {}, ...inline(bullet ? bullet[1] : numbered[2])));
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s+\S/.test(line)) {
      // An indented line continues the list item above it.
      list.lastElementChild?.append('\n', ...inline(line.trim()));
    } else {
      list = undefined;
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** `**bold**` and `` `code` `` inside a line, as nodes; everything else stays text. */
function inline(text) {
  const nodes = [];
  const pattern = /\*\*([^*\n]+)\*\*|`([^`\n]+)`/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) nodes.push(text.slice(at, match.index));
    nodes.push(match[1] === undefined ? h('code', {}, match[2]) : h('strong', {}, ...inline(match[1])));
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}
