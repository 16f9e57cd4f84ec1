import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNextBuild } from '../../server/next/ensure-next-build';

/**
 * The integration tests that start the dashboard serve the production build, which
 * `pipewatch serve` never makes itself: build it here when it is missing or older than its source.
 */
export default async function setup(): Promise<void> {
  const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
  await ensureNextBuild(root, (line) => console.log(`[build] ${line}`));
}
