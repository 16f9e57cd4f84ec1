import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { ConfigKeyPath } from './config-error';

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Where a key path sits in the YAML source. `target: 'key'` points at the key itself (an unknown
 * key); otherwise at a scalar value, or at the key of a mapping or list value. A path that does
 * not exist in the file (a missing key) points at the deepest part that does.
 */
export function locateKeyPath(
  doc: Document,
  lineCounter: LineCounter,
  path: ConfigKeyPath,
  target: 'key' | 'value',
): SourcePosition | null {
  let node: unknown = doc.contents;
  let pair: Pair | null = null;
  let found = true;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === null) {
      found = false;
      break;
    }
    ({ node, pair } = next);
  }
  const key = pair?.key ?? null;
  const valueIsShown = found && target === 'value' && isScalar(node) && node.value !== null;
  const chosen = valueIsShown ? node : (key ?? node);
  if (!isNodeWithRange(chosen)) return null;
  const { line, col } = lineCounter.linePos(chosen.range[0]);
  return { line, column: col };
}

function childOf(node: unknown, segment: PropertyKey): { node: unknown; pair: Pair | null } | null {
  if (isMap(node)) {
    const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
    return pair ? { node: pair.value, pair } : null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? null : { node: item, pair: null };
  }
  return null;
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { range?: unknown }).range);
}
