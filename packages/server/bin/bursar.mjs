#!/usr/bin/env node
// The `bursar` command. Runs the TypeScript sources through tsx (see docs/adr/0001).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
