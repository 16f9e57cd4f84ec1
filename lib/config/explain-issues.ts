import * as z from 'zod';
import type { ConfigKeyPath } from './config-error';
import { isEnvOnlyKey, isSecretPath } from './env-only-keys';
import { suggestName } from './suggest-name';

/** One problem in words, at a key path; `target: 'key'` when the key itself is wrong. */
export interface ExplainedIssue {
  path: ConfigKeyPath;
  target: 'key' | 'value';
  message: string;
}

/** Their values never appear in a message: error output ends up in logs and terminals. */
const SECRET_KEYS: ReadonlySet<PropertyKey> = new Set(['password', 'bearerToken']);

const EXPECTED_NOUNS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

/**
 * Zod's issues as messages for people editing YAML: "expected a string, got a number (42)",
 * one error per unknown key with a "did you mean". `raw` is the input zod saw; `schema` is
 * asked which keys are valid where an unknown one was found.
 */
export function explainIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, schema: z.ZodType): ExplainedIssue[] {
  return issues.flatMap((issue): ExplainedIssue[] => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      // Env-only keys are not offered: the file may not set them.
      const known = knownKeysAt(schema, path).filter((key) => !isEnvOnlyKey([...path, key]));
      return issue.keys.map((key) => ({ path: [...path, key], target: 'key', message: unknownKeyMessage(key, known, path) }));
    }
    return [{ path, target: 'value', message: messageFor(issue, valueAt(raw, path), isSecret(path)) }];
  });
}

function messageFor(issue: z.core.$ZodIssue, value: unknown, secret: boolean): string {
  // Our own schema messages start with "expected"; zod's defaults ("Invalid input: …") are replaced.
  const ours = issue.message.startsWith('expected') ? issue.message : null;
  const expectedAndGot = (expected: string) =>
    value === undefined ? `missing; ${expected}` : `${expected}, got ${describeValue(value, secret)}`;
  switch (issue.code) {
    case 'invalid_type':
      return expectedAndGot(ours ?? `expected ${EXPECTED_NOUNS[issue.expected] ?? issue.expected}`);
    case 'invalid_value':
      return expectedAndGot(ours ?? `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`);
    case 'invalid_union':
      return expectedAndGot(ours ?? 'expected another kind of value');
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}, got ${JSON.stringify(value)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}, got ${JSON.stringify(value)}`;
    default:
      return issue.message;
  }
}

function unknownKeyMessage(key: string, known: readonly string[], parentPath: ConfigKeyPath): string {
  const suggestion = suggestName(key, known);
  const didYouMean = suggestion === null ? '' : `, did you mean "${suggestion}"?`;
  if (parentPath.join('.') === 'prometheus.signals') return `unknown signal${didYouMean}; valid signals: ${known.join(', ')}`;
  return suggestion === null ? `unknown key; valid keys here: ${known.join(', ')}` : `unknown key${didYouMean}`;
}

/** "a string ("5 sec")", "a number (42)", "a list"; secrets show only their type. */
export function describeValue(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return secret ? 'a string' : `a string (${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)})`;
    case 'number':
      return secret ? 'a number' : `a number (${value})`;
    case 'boolean':
      return secret ? 'true or false' : String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function isSecret(path: ConfigKeyPath): boolean {
  const last = path[path.length - 1];
  return (last !== undefined && SECRET_KEYS.has(last)) || isSecretPath(path);
}

function valueAt(raw: unknown, path: ConfigKeyPath): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The keys the schema allows in the mapping at `path`, looking through optional, default and pipe wrappers. */
export function knownKeysAt(schema: z.ZodType, path: ConfigKeyPath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return [];
    current = typeof segment === 'number' ? findArray(current)?.element : findObject(current)?.shape[String(segment)];
  }
  const object = current === undefined ? null : findObject(current);
  return object === null ? [] : Object.keys(object.shape);
}

function findObject(schema: z.ZodType): z.ZodObject | null {
  if (schema instanceof z.ZodObject) return schema;
  for (const inner of wrapped(schema)) {
    const found = findObject(inner);
    if (found !== null) return found;
  }
  return null;
}

function findArray(schema: z.ZodType): z.ZodArray | null {
  if (schema instanceof z.ZodArray) return schema;
  for (const inner of wrapped(schema)) {
    const found = findArray(inner);
    if (found !== null) return found;
  }
  return null;
}

/** What a wrapper schema wraps; a pipe (preprocess, transform) has a schema on either side. */
function wrapped(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return [schema.unwrap() as z.ZodType];
  }
  if (schema instanceof z.ZodPipe) return [schema.in as z.ZodType, schema.out as z.ZodType];
  return [];
}
