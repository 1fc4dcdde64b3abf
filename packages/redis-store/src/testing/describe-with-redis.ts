import { describe, it } from 'vitest';
import { findRedisServer } from './redis-server.ts';

/** Why a suite that needs Redis cannot run here. */
const missing = 'redis-server is not installed (on Debian: apt-get install redis-server; .ci/run installs it)';

/**
 * `describe` for a suite that starts its own `redis-server`. Where none is installed, the suite
 * cannot run: in CI (`CI` set) that is a failing test saying so, never a silent pass; elsewhere
 * the suite is skipped with a warning that names the reason.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (findRedisServer()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error(`${missing}: this suite cannot run, and CI must not skip it`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console -- a skipped suite must say why where the developer looks
  console.warn(`SKIPPED "${name}": ${missing}`);
  describe.skip(name, body);
}
