import { describe, expect, it } from 'vitest';
import { ensureInstalled, JAVA, PROMETHEUS, type System } from '../../../lab/stack/requirements';

function fakeSystem(installed: string[], isRoot: boolean, installs = true) {
  const present = new Set(installed);
  const runs: string[] = [];
  const system: System = {
    isRoot,
    hasCommand: (command) => present.has(command),
    run: (command, args) => {
      runs.push([command, ...args].join(' '));
      if (installs && args[0] === 'install') {
        if (args.includes('prometheus')) present.add('prometheus');
        if (args.includes('openjdk-17-jre-headless')) present.add('java');
      }
    },
  };
  return { system, runs };
}

describe('ensureInstalled', () => {
  it('does nothing when every program is there', () => {
    const { system, runs } = fakeSystem(['java', 'prometheus'], false);
    ensureInstalled([JAVA, PROMETHEUS], () => {}, system);
    expect(runs).toEqual([]);
  });

  it('names the exact install command when not root', () => {
    const { system, runs } = fakeSystem(['java'], false);
    expect(() => ensureInstalled([JAVA, PROMETHEUS], () => {}, system)).toThrow(
      /'prometheus' \(stores the lab metrics\) is not installed[\s\S]*sudo apt-get update && apt-get install -y prometheus/,
    );
    expect(runs).toEqual([]);
  });

  it('installs every missing package with one apt-get call as root', () => {
    const { system, runs } = fakeSystem([], true);
    const lines: string[] = [];
    ensureInstalled([JAVA, PROMETHEUS], (line) => lines.push(line), system);
    expect(runs).toEqual(['apt-get update -qq', 'apt-get install -y -qq openjdk-17-jre-headless prometheus']);
    expect(lines[0]).toContain('installing openjdk-17-jre-headless, prometheus');
  });

  it('fails loudly when apt-get ran but the program is still missing', () => {
    const { system } = fakeSystem([], true, false);
    expect(() => ensureInstalled([PROMETHEUS], () => {}, system)).toThrow(/even after apt-get install; run: apt-get update && apt-get install -y prometheus/);
  });
});
