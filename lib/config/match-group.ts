/**
 * Which consumer groups are pipelines. A pattern is a glob matched against the whole group id
 * (`*` any run of characters, `?` one character) or, between slashes, a JavaScript regular
 * expression that may match anywhere in it (`/^payments-/`, `/-(dev|test)$/i`).
 */

export type PatternResult = { ok: true; regex: RegExp } | { ok: false; error: string };

export interface GroupFilterPatterns {
  includeGroups: readonly string[];
  excludeGroups: readonly string[];
  internalGroups: readonly string[];
}

export interface GroupFilter {
  /** Empty: every group is included unless excluded. */
  include: readonly RegExp[];
  exclude: readonly RegExp[];
}

export type GroupFilterResult = { ok: true; filter: GroupFilter } | { ok: false; errors: string[] };

const REGEX_PATTERN = /^\/(.*)\/([a-z]*)$/s;
const ALLOWED_FLAGS = /^[imsu]*$/;

export function compileGroupPattern(pattern: string): PatternResult {
  const regexParts = REGEX_PATTERN.exec(pattern);
  if (!regexParts) return { ok: true, regex: globToRegex(pattern) };
  const [, body = '', flags = ''] = regexParts;
  if (body === '') return { ok: false, error: `empty regular expression ${pattern}` };
  // g and y make RegExp#test remember where it stopped, so one group would match and the next not.
  if (!ALLOWED_FLAGS.test(flags)) {
    return { ok: false, error: `regular expression ${pattern} has flags "${flags}"; only i, m, s and u are allowed` };
  }
  try {
    return { ok: true, regex: new RegExp(body, flags) };
  } catch (error) {
    return { ok: false, error: `invalid regular expression ${pattern}: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}` };
  }
}

function globToRegex(glob: string): RegExp {
  const source = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}

/** Internal groups are excluded like `excludeGroups`; they are a separate key so that setting one list keeps the other. */
export function compileGroupFilter(patterns: GroupFilterPatterns): GroupFilterResult {
  const errors: string[] = [];
  const compile = (list: readonly string[]): RegExp[] =>
    list.flatMap((pattern) => {
      const result = compileGroupPattern(pattern);
      if (result.ok) return [result.regex];
      errors.push(result.error);
      return [];
    });
  const include = compile(patterns.includeGroups);
  const exclude = [...compile(patterns.excludeGroups), ...compile(patterns.internalGroups)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, filter: { include, exclude } };
}

export function isGroupIncluded(groupId: string, filter: GroupFilter): boolean {
  if (filter.include.length > 0 && !filter.include.some((regex) => regex.test(groupId))) return false;
  return !filter.exclude.some((regex) => regex.test(groupId));
}
