/** The result of checking one piece of untrusted JSON: a value, or what was wrong and where. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parsedValue<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function problem(path: string, expected: string, got: unknown): { ok: false; problem: string } {
  return { ok: false, problem: `${path}: expected ${expected}, got ${describe(got)}` };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses every item or reports the first bad one. */
export function parseEach<T>(items: readonly unknown[], path: string, parseItem: (item: unknown, path: string) => Parsed<T>): Parsed<T[]> {
  const parsed: T[] = [];
  for (const [index, item] of items.entries()) {
    const result = parseItem(item, `${path}[${index}]`);
    if (!result.ok) return result;
    parsed.push(result.value);
  }
  return parsedValue(parsed);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
