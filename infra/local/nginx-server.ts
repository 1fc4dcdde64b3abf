import { execFile } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { findExecutable } from './find-executable.ts';
import type { ProcessGroup } from './process-group.ts';
import { renderNginxConfig } from './render-nginx-config.ts';

/** The `nginx` executable, when installed (Debian: /usr/sbin/nginx). */
export function findNginx(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable('nginx', env);
}

/** A configuration written to its own prefix folder, ready for `nginx -p prefix -c config`. */
export interface NginxFiles {
  readonly prefix: string;
  readonly config: string;
  /** Its access log: one line per request, naming the replica that answered (`upstream=`). */
  readonly accessLog: string;
}

/**
 * Writes {@link renderNginxConfig}'s configuration into a new temporary prefix folder. The folder
 * is world-readable: nginx started as root runs its workers as `nobody`, and they create their
 * temporary files under it.
 */
export async function writeNginxFiles(options: {
  listen: string;
  gateways: readonly string[];
  /** Another http-context configuration than infra/nginx/a2a-mesh.conf (a check's variant). */
  template?: string;
}): Promise<NginxFiles> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'a2a-mesh-nginx-'));
  await chmod(prefix, 0o755);
  const config = path.join(prefix, 'nginx.conf');
  await writeFile(config, renderNginxConfig({ prefix, ...options }));
  return { prefix, config, accessLog: path.join(prefix, 'access.log') };
}

/** nginx's own arguments for `files`: errors to stderr from the first line, never its system log. */
export function nginxArguments(files: NginxFiles): string[] {
  return ['-p', files.prefix, '-c', files.config, '-e', 'stderr'];
}

/** Runs `nginx -t` on `files`; resolves with its output, rejects with it when the test fails. */
export async function testNginxConfig(nginx: string, files: NginxFiles): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(nginx, [...nginxArguments(files), '-t']);
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stderr = '', message } = error as Error & { stderr?: string };
    throw new Error(`nginx -t failed on ${files.config}: ${stderr || message}`);
  }
}

/**
 * Starts nginx in the foreground (`daemon off`) as the process `nginx` of `group`, so that
 * stopping the group stops it, and resolves once its own health location answers.
 */
export async function startNginx(
  group: ProcessGroup,
  options: { nginx: string; files: NginxFiles; url: string; cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<void> {
  group.start({
    name: 'nginx',
    command: options.nginx,
    args: [...nginxArguments(options.files), '-g', 'daemon off;'],
    cwd: options.cwd,
    env: options.env,
    tier: 9,
  });
  const deadline = Date.now() + options.timeoutMs;
  const check = `${options.url}/nginx-healthz`;
  const answers = (): Promise<boolean> =>
    fetch(check, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.ok;
      },
      () => false,
    );
  while (!(await answers())) {
    if (Date.now() > deadline) throw new Error(`nginx did not answer ${check} in time`);
    await sleep(50);
  }
}
