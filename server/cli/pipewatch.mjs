#!/usr/bin/env node
// The `pipewatch` command: runs the TypeScript CLI through tsx, so no build step stands between a
// checkout and `npx pipewatch`.
import { register } from 'tsx/esm/api';

register();
await import('./pipewatch-cli.ts');
