#!/usr/bin/env node
/**
 * `pnpm test`: every check a newcomer and CI run, in order, stopping at the first failure.
 *
 * Each step is the root package.json script of the same name, so `pnpm <step>` reproduces any
 * single step. The last step is the vitest run, whose summary reporter prints the closing
 * `tests: N passed, N failed` line; nothing is printed after it so that line stays last.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STEPS = ['check-layers', 'typecheck', 'lint', 'test:unit'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
const env = {
  ...process.env,
  PATH: [path.join(root, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
};

for (const [index, step] of STEPS.entries()) {
  const command = scripts[step];
  if (!command) fail(`package.json has no "${step}" script`, 1);
  const last = index === STEPS.length - 1;
  console.log(`\ntest: step ${index + 1}/${STEPS.length} ${step}: ${command}`);
  const started = performance.now();
  const result = spawnSync(command, { cwd: root, env, shell: true, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.error) fail(`step "${step}" could not start: ${result.error.message}`, 1);
  const code = result.status ?? 1;
  if (last && !result.signal) process.exit(code);
  if (code !== 0) {
    const why = result.signal ? `killed by ${result.signal}` : `exit ${code}`;
    const skipped = STEPS.slice(index + 1).join(', ');
    fail(`step "${step}" failed (${why}, ${seconds}s); not run: ${skipped}. Reproduce with: pnpm ${step}`, code);
  }
  console.log(`test: ${step} ok (${seconds}s)`);
}

/** @param {string} message @param {number} code */
function fail(message, code) {
  console.error(`\ntest: FAILED: ${message}`);
  process.exit(code || 1);
}
