import { fileURLToPath } from 'node:url';

/**
 * The repository's own `docs/` folder, found from this file's location (services/knowledge/src),
 * not from the working directory: the agent searches the a2a-mesh docs wherever it is started.
 */
export const defaultDocsFolder = fileURLToPath(new URL('../../../docs', import.meta.url));
