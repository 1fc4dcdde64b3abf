import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Debian installs daemons such as nginx in /usr/sbin, which is not on an ordinary user's PATH;
 * they are looked for there too.
 */
const systemDirectories = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The absolute path of the executable `name` on PATH (or in the system directories), if any. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const directories = [...(env.PATH ?? '').split(path.delimiter), ...systemDirectories].filter(Boolean);
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}
