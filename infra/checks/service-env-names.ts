import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * How source code reads an environment variable, each with the name as its first group:
 * `process.env.NAME`, `env.NAME`, `env?.NAME`, `env['NAME']`, a reader called with the
 * environment and the name (`integer(env, 'NAME')`), a destructuring
 * (`const { NAME } = process.env`, handled apart), and the keys of a zod schema of the
 * environment (`LlmEnvironmentSchema = z.object({ LLM_MODEL: … })`, in files that declare one).
 */
const readers = [
  /\benv\??\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g,
  /\(\s*(?:process\.)?env\s*,\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g,
];
const destructuring = /\{([^{}]*)\}\s*=\s*(?:process\.)?env\b/g;
const schemaKey = /^\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*:/gm;

/** The environment variable names one TypeScript source reads. */
export function envNamesIn(source: string): Set<string> {
  const names = new Set<string>();
  for (const reader of readers) for (const match of source.matchAll(reader)) names.add(match[1]!);
  for (const match of source.matchAll(destructuring)) {
    for (const part of match[1]!.split(',')) {
      const name = /^\s*([A-Z][A-Z0-9_]*)\b/.exec(part)?.[1];
      if (name) names.add(name);
    }
  }
  if (/EnvironmentSchema\s*=/.test(source)) for (const match of source.matchAll(schemaKey)) names.add(match[1]!);
  return names;
}

/** Every workspace member's folder, by package name (`@a2a-mesh/server` → packages/server). */
function workspaceFolders(root: string): Map<string, string> {
  const folders = new Map<string, string>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(path.join(root, group), { withFileTypes: true })) {
      const manifest = path.join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      folders.set(name, path.join(root, group, entry.name));
    }
  }
  return folders;
}

/** The run-time source files of a member: src/**\/*.ts without tests and test helpers. */
function sourceFiles(folder: string): string[] {
  const source = path.join(folder, 'src');
  if (!existsSync(source)) return [];
  return readdirSync(source, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .filter((file) => !file.split(path.sep).includes('testing'))
    .map((file) => path.join(source, file));
}

/**
 * The environment variables `services/<service>` can read when it runs: those its own source
 * reads, and those of every workspace package it depends on, transitively (a package reads the
 * environment only when a service hands it over, so this is an upper bound, never a miss).
 */
export function serviceEnvNames(root: string, service: string): Set<string> {
  const folders = workspaceFolders(root);
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (folder: string): void => {
    if (seen.has(folder)) return;
    seen.add(folder);
    for (const file of sourceFiles(folder)) for (const name of envNamesIn(readFileSync(file, 'utf8'))) names.add(name);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      const dependencyFolder = folders.get(dependency);
      if (dependencyFolder) visit(dependencyFolder);
    }
  };
  visit(path.join(root, 'services', service));
  return names;
}
