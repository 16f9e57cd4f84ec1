import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../collectors/store/open-store';

/** The holder is a tsx process: it starts in seconds on a loaded machine. */
const dir = mkdtempSync(join(tmpdir(), 'pipewatch-sqlite-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another process that opens the file as `pipewatch serve` does and holds it until killed. */
function holdInAnotherProcess(path: string): Promise<{ kill(): Promise<void> }> {
  const script = `
    import { openStore } from './collectors/store/open-store.ts';
    const opened = await openStore({ kind: 'sqlite', path: ${JSON.stringify(path)} }, { exclusive: true });
    console.log(opened.ok ? 'holding' : opened.error.message);
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => {
      if (data.toString().trim() === 'holding') resolve({ kill: () => (child.kill('SIGKILL'), exited) });
      else reject(new Error(data.toString()));
    });
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
}

describe('one serving process per SQLite file', () => {
  it('refuses a second process on the same file, naming the file and what to do; a killed holder leaves no stale lock', async () => {
    const path = join(dir, 'pipewatch.sqlite');
    const holder = await holdInAnotherProcess(path);
    try {
      const second = await openStore({ kind: 'sqlite', path }, { exclusive: true });
      expect(second.ok).toBe(false);
      if (second.ok) return;
      expect(second.error.kind).toBe('in-use');
      expect(second.error.message).toContain(`another Pipewatch process is serving from ${path}`);
      expect(second.error.message).toContain('DATABASE_URL');
    } finally {
      await holder.kill();
    }
    const after = await openStore({ kind: 'sqlite', path }, { exclusive: true });
    expect(after.ok).toBe(true);
    if (after.ok) await after.store.close();
    // Closed, the lock is free again for the next start.
    const again = await openStore({ kind: 'sqlite', path }, { exclusive: true });
    expect(again.ok).toBe(true);
    if (again.ok) await again.store.close();
  }, 60_000);

  it('lets readers without the flag (tests, tools) open a file that is being served', async () => {
    const path = join(dir, 'shared.sqlite');
    const served = await openStore({ kind: 'sqlite', path }, { exclusive: true });
    if (!served.ok) throw new Error(served.error.message);
    const reader = await openStore({ kind: 'sqlite', path });
    expect(reader.ok).toBe(true);
    if (reader.ok) await reader.store.close();
    await served.store.close();
  });
});
