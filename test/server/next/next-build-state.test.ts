import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readNextBuildState, type NextBuildState } from '../../../server/next/next-build-state';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A project folder with files at given ages (seconds before now); BUILD_ID stands for the build. */
function project(files: Record<string, number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-build-state-'));
  folders.push(dir);
  const nowS = Date.now() / 1000;
  for (const [file, ageS] of Object.entries(files)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, '');
    fs.utimesSync(full, nowS - ageS, nowS - ageS);
  }
  return dir;
}

describe('readNextBuildState', () => {
  const cases: { desc: string; files: Record<string, number>; expected: NextBuildState }[] = [
    { desc: 'a checkout never built', files: { 'app/page.tsx': 60 }, expected: { kind: 'missing' } },
    { desc: 'a build newer than every source', files: { 'app/page.tsx': 60, 'lib/units/format-units.ts': 50, '.next/BUILD_ID': 10 }, expected: { kind: 'fresh' } },
    { desc: 'a source changed after the build', files: { 'app/page.tsx': 60, '.next/BUILD_ID': 30, 'components/overview-row.tsx': 5 }, expected: { kind: 'stale', changedFile: path.join('components', 'overview-row.tsx') } },
    { desc: 'a changed lock file: other packages went into the build', files: { 'app/page.tsx': 60, '.next/BUILD_ID': 30, 'package-lock.json': 5 }, expected: { kind: 'stale', changedFile: 'package-lock.json' } },
    { desc: 'an installed release: a build and no source to compare with', files: { '.next/BUILD_ID': 30, 'dist/cli/pipewatch.mjs': 5 }, expected: { kind: 'prebuilt' } },
    { desc: 'an installed release without its build', files: { 'dist/cli/pipewatch.mjs': 5 }, expected: { kind: 'missing' } },
  ];
  it.each(cases)('$desc', ({ files, expected }) => {
    expect(readNextBuildState(project(files))).toEqual(expected);
  });
});
