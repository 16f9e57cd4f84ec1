import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImportCycles, parseImports, readImportGraph, type SourceImport } from './import-graph';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Layer = 'lib' | 'collectors' | 'server' | 'components' | 'app' | 'lab';

interface LayerRule {
  /** The repository folders it may import from. */
  folders: readonly Layer[];
  /** The packages it may import (a prefix matches its subpaths); 'any' for the edges of the process. */
  packages: readonly string[] | 'any';
}

const BROWSER_PACKAGES = ['react', 'react-dom', 'next', '@tanstack/react-query', '@tanstack/react-virtual', 'recharts', 'zod'];

/**
 * Which folder may import which (docs/architecture.md). The domain in lib/ points nowhere but at
 * itself and two pure parsing libraries; adapters and the process point inward; the browser's code
 * never reaches the adapters or the server.
 */
export const DEPENDENCY_RULES: Record<Layer, LayerRule> = {
  lib: { folders: ['lib'], packages: ['zod', 'yaml'] },
  collectors: { folders: ['lib', 'collectors'], packages: 'any' },
  server: { folders: ['lib', 'collectors', 'server'], packages: 'any' },
  components: { folders: ['lib', 'components'], packages: BROWSER_PACKAGES },
  app: { folders: ['lib', 'components', 'app'], packages: BROWSER_PACKAGES },
  lab: { folders: ['lib', 'collectors', 'server', 'lab'], packages: 'any' },
};

const LAYERS = Object.keys(DEPENDENCY_RULES) as Layer[];

function layerOf(file: string): Layer | null {
  const top = file.split('/')[0] as Layer;
  return LAYERS.includes(top) ? top : null;
}

function packageAllowed(specifier: string, allowed: readonly string[] | 'any'): boolean {
  if (allowed === 'any') return true;
  return allowed.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}

/** Every import that breaks the rules, as "file → specifier (why)". */
export function findViolations(imports: readonly SourceImport[]): string[] {
  const violations: string[] = [];
  for (const { from, specifier, resolved } of imports) {
    const layer = layerOf(from);
    if (layer === null) continue;
    const rule = DEPENDENCY_RULES[layer];
    if (resolved === null) {
      if (!packageAllowed(specifier, rule.packages)) violations.push(`${from} → ${specifier} (${layer}/ may not import this package)`);
      continue;
    }
    const target = layerOf(resolved);
    if (target === null || !rule.folders.includes(target)) violations.push(`${from} → ${specifier} (${layer}/ may not import ${resolved.split('/')[0]}/)`);
  }
  return violations;
}

describe('the dependency rules themselves', () => {
  const exists = (file: string) => ['lib/a.ts', 'collectors/b.ts', 'components/c.tsx', 'server/d.ts', 'lab/e.ts'].includes(file);
  const cases: { desc: string; input: { from: string; text: string }; expected: number }[] = [
    { desc: 'lib importing lib', input: { from: 'lib/x.ts', text: "import { a } from './a';" }, expected: 0 },
    { desc: 'lib importing an adapter', input: { from: 'lib/x.ts', text: "import { b } from '../collectors/b';" }, expected: 1 },
    { desc: 'lib importing a type from the browser', input: { from: 'lib/x.ts', text: "import type { C } from '@/components/c';" }, expected: 1 },
    { desc: 'lib importing a Node built-in', input: { from: 'lib/x.ts', text: "import fs from 'node:fs';" }, expected: 1 },
    { desc: 'lib importing kafkajs', input: { from: 'lib/x.ts', text: "import { Kafka } from 'kafkajs';" }, expected: 1 },
    { desc: 'lib importing zod', input: { from: 'lib/x.ts', text: "import * as z from 'zod';" }, expected: 0 },
    { desc: 'a component importing the server', input: { from: 'components/y.tsx', text: "import { d } from '../server/d';" }, expected: 1 },
    { desc: 'a component importing ws', input: { from: 'components/y.tsx', text: "export { WebSocket } from 'ws';" }, expected: 1 },
    { desc: 'the server importing the lab', input: { from: 'server/z.ts', text: "const lab = await import('../lab/e');" }, expected: 1 },
    { desc: 'the lab importing the server', input: { from: 'lab/w.ts', text: "import { d } from '../server/d';" }, expected: 0 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(findViolations(parseImports(input.from, input.text, exists))).toHaveLength(expected);
  });

  it('finds a cycle of two files and none in a chain', () => {
    const edge = (from: string, resolved: string): SourceImport => ({ from, specifier: resolved, resolved });
    expect(findImportCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'a.ts'), edge('b.ts', 'c.ts')])).toEqual([['a.ts', 'b.ts']]);
    expect(findImportCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts')])).toEqual([]);
  });
});

describe('the tree follows the dependency rules', () => {
  const imports = readImportGraph(ROOT, [...LAYERS, 'test']);

  it('reads the whole tree', () => {
    expect(new Set(imports.map((i) => i.from.split('/')[0])).size).toBeGreaterThanOrEqual(LAYERS.length);
  });

  it('no folder imports what it may not', () => {
    expect(findViolations(imports)).toEqual([]);
  });

  it('no import cycles', () => {
    expect(findImportCycles(imports)).toEqual([]);
  });
});
