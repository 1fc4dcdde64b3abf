import type { z } from 'zod';

/** Renders a path the way a person would write it: `message.parts[0].text`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/**
 * Turns a zod failure into one line that names each failing field and what was expected, e.g.
 * `params.message.parts: expected array, received string`.
 */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path, prefix)}: ${issue.message.replace(/^Invalid input: /, '')}`)
    .join('; ');
}
