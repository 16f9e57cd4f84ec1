import { escapeMarkdown } from '../incidents/markdown-text';
import { FAILURE_TABLE, type FailureTableEntry } from './failure-table';

/** The failure table as Markdown, so docs are generated from the same data the classifier reads. */
export function formatFailureTableMarkdown(table: readonly FailureTableEntry[] = FAILURE_TABLE): string {
  const header = ['failure type', 'how it shows', 'recommended response', 'severity', 'settings', 'from the chapter'];
  const rows = table.map((entry) => [
    `**${prose(entry.title)}** (\`${entry.type}\`)`,
    prose(entry.howItShows),
    prose(entry.response),
    entry.severity,
    entry.settings.map((s) => `\`${s}\``).join(', '),
    entry.chapterRow === 'implied' ? 'implied' : 'chapter',
  ]);
  const grid = [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
  const checks = table.map((entry) => [`### ${prose(entry.title)}`, '', ...entry.checks.map((c) => `- ${prose(c)}`)].join('\n'));
  return `${grid}\n\n## What to check\n\n${checks.join('\n\n')}\n`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

// The table's prose is escaped like any text (a pipe would end a cell, a newline the row), but never cut short.
function prose(text: string): string {
  return escapeMarkdown(text, Infinity);
}
