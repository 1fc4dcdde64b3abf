import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The nginx configuration of a deployment, infra/nginx/a2a-mesh.conf (an http-context file). */
export const nginxTemplatePath = path.join(import.meta.dirname, '..', 'nginx', 'a2a-mesh.conf');

/** What {@link renderNginxConfig} fills in. */
export interface NginxConfigOptions {
  /** nginx's prefix folder: its pid file and temporary files go there. */
  readonly prefix: string;
  /** Address nginx listens on, `host:port`. */
  readonly listen: string;
  /** The gateway replicas, `host:port` each, in place of the template's upstream servers. */
  readonly gateways: readonly string[];
  /** The http-context configuration; default the file at {@link nginxTemplatePath}. */
  readonly template?: string;
}

const upstreamServer = /^([ \t]*)server[ \t]+[^\s;]+:\d+((?:[ \t]+[^\s;]+)*);[ \t]*$/;
const listenLine = /^([ \t]*)listen[ \t]+\d+;[ \t]*$/;
/**
 * A container's nginx logs to its stdout; a child process's stdout is a socket here (libuv's
 * stdio pipes), which nginx cannot open as /dev/stdout, so the access log goes to a file.
 */
const accessLogToStream = /^(\s*access_log\s+)\/dev\/std(?:out|err)(\s|;)/;

/**
 * A whole nginx.conf that runs the deployment's configuration on this machine: the template's
 * upstream `server` lines become the local gateway replicas (keeping the first line's
 * parameters: `max_fails`, `fail_timeout`), its `listen` becomes `listen`, and nginx's pid,
 * temporary files and access log (`access.log`) move under `prefix`, so it runs unprivileged
 * next to the system's own nginx.
 * Every other directive is the template's, unchanged: what the checks prove holds for the
 * deployment. Throws when the template no longer has the shapes it rewrites.
 */
export function renderNginxConfig(options: NginxConfigOptions): string {
  const template = options.template ?? readFileSync(nginxTemplatePath, 'utf8');
  const lines = template.split('\n');
  const servers = lines.filter((line) => upstreamServer.test(line));
  const listens = lines.filter((line) => listenLine.test(line));
  if (servers.length === 0 || listens.length !== 1) {
    throw new Error(
      `${nginxTemplatePath}: expected upstream lines "server host:port …;" and one "listen <port>;" to rewrite, ` +
        `found ${servers.length} and ${listens.length}`,
    );
  }
  const [, indent = '', parameters = ''] = upstreamServer.exec(servers[0]!)!;
  const firstServer = lines.indexOf(servers[0]!);
  const http = lines.flatMap((line, index) => {
    if (index === firstServer) return options.gateways.map((gateway) => `${indent}server ${gateway}${parameters};`);
    if (upstreamServer.test(line)) return [];
    return [
      line
        .replace(listenLine, (_match, listenIndent: string) => `${listenIndent}listen ${options.listen};`)
        .replace(accessLogToStream, `$1${path.join(options.prefix, 'access.log')}$2`),
    ];
  });
  const prefix = options.prefix;
  return [
    `# Generated from ${nginxTemplatePath} by infra/local/render-nginx-config.ts.`,
    'worker_processes 1;',
    `pid ${path.join(prefix, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events {',
    '    worker_connections 1024;',
    '}',
    'http {',
    '    default_type application/octet-stream;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `    ${kind}_temp_path ${path.join(prefix, `${kind}-temp`)};`,
    ),
    '',
    ...http.map((line) => (line ? `    ${line}` : line)),
    '}',
    '',
  ].join('\n');
}
