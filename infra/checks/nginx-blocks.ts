/**
 * Just enough of nginx's configuration syntax to check directives: blocks by their header, and
 * the directives of a block's own level. Comments are dropped and quoted strings emptied first,
 * so a `#`, `{` or `;` inside a string (a JSON error body) cannot confuse the reading.
 */
export function withoutCommentsAndStrings(config: string): string {
  return config
    .replace(/'[^'\n]*'|"[^"\n]*"|#[^\n]*/g, (match) => (match.startsWith('#') ? '' : `${match[0]}${match[0]}`))
    .replace(/[ \t]+\n/g, '\n');
}

/** The body (between the braces) of the first block whose header matches `header`. */
export function blockBody(config: string, header: RegExp): string {
  const text = withoutCommentsAndStrings(config);
  const match = header.exec(text);
  if (!match) throw new Error(`no block matching ${header}`);
  const start = text.indexOf('{', match.index + match[0].length - 1);
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}' && (depth -= 1) === 0) return text.slice(start + 1, index);
  }
  throw new Error(`block ${header} is not closed`);
}

/** The directives of a block's own level (nested blocks left out): name → each one's arguments. */
export function directivesOf(body: string): Map<string, string[]> {
  let flat = withoutCommentsAndStrings(body);
  for (let previous = ''; previous !== flat;) {
    previous = flat;
    flat = flat.replace(/[^;{}]*\{[^{}]*\}/g, ';');
  }
  const directives = new Map<string, string[]>();
  for (const statement of flat.split(';')) {
    const [name, ...rest] = statement.trim().split(/\s+/);
    if (name) directives.set(name, [...(directives.get(name) ?? []), rest.join(' ')]);
  }
  return directives;
}

/** An nginx time (`90`, `30s`, `1h`, `1h 30m`) in seconds. */
export function nginxSeconds(time: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let seconds = 0;
  for (const part of time.trim().split(/\s+/)) {
    const match = /^(\d+)(ms|s|m|h|d|w)?$/.exec(part);
    if (!match) throw new Error(`not an nginx time: ${time}`);
    seconds += Number(match[1]) * units[match[2] ?? 's']!;
  }
  return seconds;
}
