#!/usr/bin/env node
// The `pipewatch` command from a checkout's TypeScript source, through tsx (a dev dependency): for
// `serve --dev` and the tests, with no build of the server in between. The installed command is
// the compiled dist/cli/pipewatch.mjs (`npm run build`), which needs neither tsx nor the source.
import { register } from 'tsx/esm/api';

register();
await import('./pipewatch-cli.ts');
