import fs from 'node:fs';
import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * The config `next build` resolved and wrote into `.next/required-server-files.json`, handed to
 * `next()` as `conf` — as Next's own standalone server does — so serving never loads
 * next.config.ts, which would need its TypeScript transpiled and tsconfig.json at run time.
 */
export function readBuiltNextConfig(dir: string): NextConfig {
  const file = path.join(dir, '.next', 'required-server-files.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`the dashboard build is incomplete: ${file} cannot be read (${(error as Error).message}); run npm run build`);
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { config?: unknown }).config !== 'object') {
    throw new Error(`the dashboard build is incomplete: ${file} has no config; run npm run build`);
  }
  return (parsed as { config: NextConfig }).config;
}
