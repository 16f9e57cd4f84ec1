import { execFileSync, spawnSync } from 'node:child_process';

/** A program the lab runs, and the Debian package that provides it. */
export interface Requirement {
  command: string;
  debianPackage: string;
  why: string;
}

export const JAVA: Requirement = { command: 'java', debianPackage: 'openjdk-17-jre-headless', why: 'runs the Kafka broker' };
export const MAVEN: Requirement = { command: 'mvn', debianPackage: 'maven', why: "resolves Kafka's jars from Maven Central" };
export const PROMETHEUS: Requirement = { command: 'prometheus', debianPackage: 'prometheus', why: 'stores the lab metrics' };
/** Debian's build, which Playwright launches by path: `playwright install` is never used. */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';
export const CHROMIUM: Requirement = { command: CHROMIUM_EXECUTABLE, debianPackage: 'chromium', why: 'runs the browser tests' };

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** What installing touches on the machine; tests hand in their own. */
export interface System {
  isRoot: boolean;
  hasCommand: (command: string) => boolean;
  run: (command: string, args: string[]) => void;
}

const realSystem: System = {
  isRoot: process.getuid?.() === 0,
  hasCommand,
  run: (command, args) =>
    execFileSync(command, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }),
};

/**
 * Makes sure each program is on PATH. As root the missing Debian packages are installed with
 * apt-get; otherwise the error names the exact command to run.
 */
export function ensureInstalled(requirements: Requirement[], log: (line: string) => void, system: System = realSystem): void {
  const missing = requirements.filter((r) => !system.hasCommand(r.command));
  if (missing.length === 0) return;
  const packages = missing.map((r) => r.debianPackage);
  const installCommand = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!system.isRoot) {
    throw new Error(
      `${describe(missing)}. Install ${packages.length > 1 ? 'them' : 'it'} with:\n\n    sudo ${installCommand}\n\nthen run the command again.`,
    );
  }
  log(`installing ${packages.join(', ')} with apt-get (${describe(missing)})`);
  try {
    system.run('apt-get', ['update', '-qq']);
    system.run('apt-get', ['install', '-y', '-qq', ...packages]);
  } catch (error) {
    throw new Error(
      `apt-get could not install ${packages.join(' ')} (${(error as Error).message}). Run it by hand:\n\n    ${installCommand}\n`,
    );
  }
  const stillMissing = missing.filter((r) => !system.hasCommand(r.command));
  if (stillMissing.length > 0) {
    throw new Error(`${describe(stillMissing)} even after apt-get install; run: ${installCommand}`);
  }
}

function describe(missing: Requirement[]): string {
  return missing.map((r) => `'${r.command}' (${r.why}) is not installed`).join('; ');
}
