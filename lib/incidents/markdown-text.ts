import { INVALID_TIME, isDateMs } from '../units/date-range';
/**
 * Text made inert in Markdown (topic and group names, notes, alert labels, evidence built from
 * them, the failure table's prose): one line, bounded, and every character that starts inline
 * markup escaped, the table pipe included. It is never placed at the start of a line, so block
 * markup (#, -, >, 1.) cannot start either. Bare URLs may still be auto-linked by GitHub; they are shown, not hidden.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const INLINE_MARKUP = /[\\`*_[\]<>|~&$]/g;
export const MAX_CELL_CHARS = 500;

export function escapeMarkdown(text: string, maxChars = MAX_CELL_CHARS): string {
  const oneLine = text.replace(CONTROL, ' ').trim();
  const bounded = oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine;
  return bounded.replace(INLINE_MARKUP, (c) => `\\${c}`);
}

/** A Markdown table; cells are Markdown already (escape outside text with escapeMarkdown first). */
export function formatMarkdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "2027-01-15 08:00:05" in UTC. */
export function formatUtc(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (!isDateMs(ms)) return INVALID_TIME;
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}
