import { fileURLToPath } from 'node:url';
import { LaunchError, launchMesh } from './launch-mesh.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const print = (line: string): void => void process.stdout.write(`${line}\n`);

let mesh;
try {
  print('Starting a2a-mesh: knowledge, calculator, writer, orchestrator, gateway…');
  mesh = await launchMesh({ root, env: process.env, print });
} catch (error) {
  console.error(error instanceof LaunchError ? `\n${error.message}` : error);
  process.exit(1);
}
print(`\n  a2a-mesh is up.  UI: ${mesh.uiUrl}\n  Ctrl-C stops everything.\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  print(`\n${signal}: stopping every service…`);
  void mesh.stop().then(() => {
    print('a2a-mesh stopped.');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
void mesh.crashed.then(async ({ name, code, signal }) => {
  if (stopping) return;
  stopping = true;
  console.error(`\n${name} stopped on its own (${signal ?? `exit code ${code}`}): stopping the rest.`);
  await mesh.stop();
  process.exit(1);
});
