#!/usr/bin/env node
// The package ships TypeScript source (no build step), so the bin registers tsx's loader first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main();
