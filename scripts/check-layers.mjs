#!/usr/bin/env node
/**
 * Fails on a wrong-way import between workspace packages, or on a dependency cycle.
 *
 * The layers (see STYLE.md, "Layers, one way only"):
 *
 *   packages/protocol   imports nothing of ours
 *   packages/*          import each other only downward, per ALLOWED_DEPENDENCIES below
 *   services/*          may import any package, never another service
 *   test/               may import anything
 *
 * Plus one rule inside a package: in packages/server/src only the edge files (a name containing
 * `express` or `sse-`) may import express or better-sse; the core speaks async iterables.
 *
 * Edges come from two places: every import/export/require/import() in the source (read with
 * TypeScript's pre-processor, so imports quoted in comments or strings do not count) and the
 * workspace entries of every package.json. Both must agree with the table.
 *
 * Usage: `node scripts/check-layers.mjs [root]`. Exits 1 and names the file and the import on
 * any violation. `checkLayers(root)` returns the same findings for programmatic use.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const SCOPE = '@a2a-mesh/';
const PROTOCOL = '@a2a-mesh/protocol';

/**
 * Which workspace packages a package under packages/ may depend on at run time. A package
 * missing from this table fails the check until someone decides where it sits.
 * Store packages (TaskStore / EventLog implementations) match STORE_PACKAGE below.
 */
const ALLOWED_DEPENDENCIES = {
  '@a2a-mesh/protocol': [],
  '@a2a-mesh/server': [PROTOCOL],
  '@a2a-mesh/client': [PROTOCOL],
  '@a2a-mesh/langgraph': [PROTOCOL, '@a2a-mesh/server', '@a2a-mesh/client'],
};

/** Store packages implement the server's TaskStore / EventLog contracts. */
const STORE_PACKAGE = /^@a2a-mesh\/(?:[a-z0-9-]+-)?(?:store|event-log)(?:-[a-z0-9-]+)?$/;
const STORE_ALLOWED = [PROTOCOL, '@a2a-mesh/server'];

/**
 * Extra edges allowed only from test files (`*.test.*`, `*.spec.*`, `*.bench.*`) and only as
 * devDependencies: the server's own tests drive it through the real client over loopback.
 */
const TEST_ONLY_DEPENDENCIES = {
  '@a2a-mesh/server': ['@a2a-mesh/client'],
};

/** Inside this source folder only edge files may import these modules. */
const EDGE_RULE = {
  dir: 'packages/server/src',
  modules: ['express', 'better-sse'],
  isEdgeFile: (fileName) => fileName.includes('express') || fileName.includes('sse-'),
};

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'test-results', '.turbo', '.git']);
const TEST_FILE = /\.(?:test|spec|bench)\.[cm]?[jt]sx?$/;

/**
 * @typedef {{ name: string, dir: string, kind: 'protocol' | 'package' | 'service' | 'test',
 *   runtime: Set<string>, dev: Set<string> }} WorkspacePackage
 * @typedef {{ where: string, message: string }} Violation
 */

/**
 * Checks the workspace rooted at `root`.
 * @param {string} root absolute path of the repository root
 * @returns {{ violations: Violation[], packages: number, files: number, imports: number }}
 */
export function checkLayers(root) {
  /** @type {Violation[]} */
  const violations = [];
  const workspace = readWorkspace(root);
  const byName = new Map(workspace.map((pkg) => [pkg.name, pkg]));
  /** @type {Map<string, Set<string>>} every edge seen, for the cycle search */
  const graph = new Map(workspace.map((pkg) => [pkg.name, new Set()]));
  let files = 0;
  let imports = 0;

  for (const pkg of workspace) {
    const manifest = path.join(pkg.dir, 'package.json');
    for (const [target, isDev] of [
      ...[...pkg.runtime].map((name) => [name, false]),
      ...[...pkg.dev].map((name) => [name, true]),
    ]) {
      if (!byName.has(target)) continue;
      graph.get(pkg.name)?.add(target);
      const reason = edgeViolation(pkg, byName.get(target), isDev);
      if (reason) {
        const field = isDev ? 'devDependencies' : 'dependencies';
        violations.push({ where: rel(root, manifest), message: `${field} has '${target}': ${reason}` });
      }
    }

    for (const file of listSourceFiles(pkg.dir)) {
      files += 1;
      const text = readFileSync(file, 'utf8');
      const isTest = TEST_FILE.test(file);
      for (const { fileName: specifier, pos } of ts.preProcessFile(text, true, true).importedFiles) {
        imports += 1;
        const where = `${rel(root, file)}:${lineOf(text, pos)}`;
        const shown = `import '${specifier}'`;

        const edgeProblem = edgeRuleViolation(root, file, specifier);
        if (edgeProblem) violations.push({ where, message: `${shown}: ${edgeProblem}` });

        const target = resolveWorkspaceTarget(specifier, file, pkg, workspace);
        if (!target || target.pkg === pkg) continue;
        if (target.viaRelativePath && pkg.kind !== 'test') {
          violations.push({
            where,
            message: `${shown} reaches into ${target.pkg.name} by relative path; import it by its workspace name`,
          });
        }
        graph.get(pkg.name)?.add(target.pkg.name);
        const reason = edgeViolation(pkg, target.pkg, isTest);
        if (reason) {
          violations.push({ where, message: `${shown}: ${reason}` });
          continue;
        }
        if (!target.viaRelativePath && !pkg.runtime.has(target.pkg.name) && !pkg.dev.has(target.pkg.name)) {
          violations.push({
            where,
            message: `${shown}: '${target.pkg.name}' is not declared in ${rel(root, manifest)}`,
          });
        } else if (!target.viaRelativePath && !isTest && pkg.kind !== 'test' && !pkg.runtime.has(target.pkg.name)) {
          violations.push({
            where,
            message: `${shown}: '${target.pkg.name}' is only a devDependency, but this is not a test file`,
          });
        }
      }
    }
  }

  for (const cycle of findCycles(graph)) {
    violations.push({ where: 'workspace', message: `dependency cycle: ${cycle.join(' -> ')}` });
  }
  return { violations, packages: workspace.length, files, imports };
}

/**
 * Why `from` may not depend on `to`, or undefined when it may.
 * @param {WorkspacePackage} from
 * @param {WorkspacePackage | undefined} to
 * @param {boolean} fromTestCode the edge comes from a test file or a devDependency
 */
function edgeViolation(from, to, fromTestCode) {
  if (!to || from === to || from.kind === 'test') return undefined;
  if (to.kind === 'test') return `nothing may depend on the test workspace (${to.name})`;
  if (from.kind === 'service') {
    return to.kind === 'service'
      ? `a service never imports another service (${to.name}); move the shared code into a package`
      : undefined;
  }
  if (to.kind === 'service') return `a package never imports a service (${to.name})`;
  if (from.kind === 'protocol') return `${from.name} imports nothing of ours`;
  const allowed = allowedFor(from.name);
  if (!allowed) {
    return `${from.name} is not in the layer table; add it to ALLOWED_DEPENDENCIES in scripts/check-layers.mjs`;
  }
  if (allowed.includes(to.name)) return undefined;
  if (fromTestCode && TEST_ONLY_DEPENDENCIES[from.name]?.includes(to.name)) return undefined;
  const list = allowed.length ? allowed.join(', ') : 'nothing of ours';
  return `${from.name} may import only ${list} (wrong-way or sideways dependency on ${to.name})`;
}

/** @param {string} name */
function allowedFor(name) {
  if (Object.hasOwn(ALLOWED_DEPENDENCIES, name)) return ALLOWED_DEPENDENCIES[name];
  if (STORE_PACKAGE.test(name)) return STORE_ALLOWED;
  return undefined;
}

/** The express/better-sse edge rule for one import. */
function edgeRuleViolation(root, file, specifier) {
  const relative = rel(root, file);
  if (!relative.startsWith(`${EDGE_RULE.dir}/`)) return undefined;
  const module = EDGE_RULE.modules.find((name) => specifier === name || specifier.startsWith(`${name}/`));
  if (!module || EDGE_RULE.isEdgeFile(path.basename(file))) return undefined;
  return (
    `only the server's edge files (name containing 'express' or 'sse-') may import ${module}; ` +
    'the core speaks async iterables'
  );
}

/**
 * The workspace package an import lands in, if any.
 * @returns {{ pkg: WorkspacePackage, viaRelativePath: boolean } | undefined}
 */
function resolveWorkspaceTarget(specifier, file, pkg, workspace) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const resolved = path.resolve(path.dirname(file), specifier);
    if (isInside(resolved, pkg.dir)) return undefined;
    const target = workspace.find((candidate) => isInside(resolved, candidate.dir));
    return target ? { pkg: target, viaRelativePath: true } : undefined;
  }
  if (!specifier.startsWith(SCOPE)) return undefined;
  const name = specifier.split('/').slice(0, 2).join('/');
  const target = workspace.find((candidate) => candidate.name === name);
  return target ? { pkg: target, viaRelativePath: false } : undefined;
}

/**
 * Workspace packages listed by pnpm-workspace.yaml (`dir/*` globs and plain folders).
 * @returns {WorkspacePackage[]}
 */
function readWorkspace(root) {
  const manifest = path.join(root, 'pnpm-workspace.yaml');
  if (!existsSync(manifest)) throw new Error(`no pnpm-workspace.yaml in ${root}`);
  const patterns = [];
  let inPackages = false;
  for (const line of readFileSync(manifest, 'utf8').split('\n')) {
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages && /^\S/.test(line)) inPackages = false;
    const entry = inPackages && line.match(/^\s+-\s*['"]?([^'"#\s]+)['"]?/);
    if (entry) patterns.push(entry[1]);
  }

  const dirs = new Set();
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    if (pattern.endsWith('/*')) {
      const parent = path.join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const child of readdirSync(parent, { withFileTypes: true })) {
        if (child.isDirectory()) dirs.add(path.join(parent, child.name));
      }
    } else if (!pattern.includes('*')) {
      dirs.add(path.join(root, pattern));
    } else {
      throw new Error(`check-layers: unsupported workspace pattern '${pattern}' in pnpm-workspace.yaml`);
    }
  }

  const packages = [];
  for (const dir of [...dirs].sort()) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const top = path.relative(root, dir).split(path.sep)[0];
    const kind =
      json.name === PROTOCOL
        ? 'protocol'
        : top === 'packages'
          ? 'package'
          : top === 'services'
            ? 'service'
            : top === 'test'
              ? 'test'
              : undefined;
    if (!kind) throw new Error(`check-layers: ${rel(root, file)} is outside packages/, services/ and test/`);
    const ours = (deps) => Object.keys(deps ?? {}).filter((name) => name.startsWith(SCOPE));
    packages.push({
      name: json.name,
      dir,
      kind,
      runtime: new Set([
        ...ours(json.dependencies),
        ...ours(json.peerDependencies),
        ...ours(json.optionalDependencies),
      ]),
      dev: new Set(ours(json.devDependencies)),
    });
  }
  return packages;
}

/** Source files of one package, skipping node_modules and build output. */
function listSourceFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...listSourceFiles(full));
    } else if (SOURCE_EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

/**
 * Every elementary cycle reachable in the graph, each reported once (rotated to start at its
 * smallest name).
 * @param {Map<string, Set<string>>} graph
 * @returns {string[][]}
 */
function findCycles(graph) {
  const seen = new Set();
  const cycles = [];
  const stack = [];
  const onStack = new Set();
  const visit = (node) => {
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (onStack.has(next)) {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = rotated.join('>');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, rotated[0]]);
        }
      } else if (stack.length <= graph.size) {
        visit(next);
      }
    }
    stack.pop();
    onStack.delete(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return cycles;
}

function isInside(file, dir) {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function rel(root, file) {
  return path.relative(root, file).split(path.sep).join('/');
}

function lineOf(text, pos) {
  let line = 1;
  for (let index = 0; index < pos && index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) line += 1;
  }
  return line;
}

const invokedDirectly = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  if (!statSync(root).isDirectory()) throw new Error(`check-layers: ${root} is not a directory`);
  const { violations, packages, files, imports } = checkLayers(root);
  if (violations.length > 0) {
    console.error(`check-layers: ${violations.length} layer violation(s):`);
    for (const { where, message } of violations) console.error(`  ${where}  ${message}`);
    console.error('The allowed edges are the table at the top of scripts/check-layers.mjs (see STYLE.md).');
    process.exit(1);
  }
  console.log(`check-layers: ok (${packages} packages, ${files} files, ${imports} imports)`);
}
