import { FAILURE_TABLE, type FailureTableEntry } from './failure-table';

/** The failure table as Markdown, so docs are generated from the same data the classifier reads. */
export function formatFailureTableMarkdown(table: readonly FailureTableEntry[] = FAILURE_TABLE): string {
  const header = ['failure type', 'how it shows', 'recommended response', 'severity', 'settings', 'from the chapter'];
  const rows = table.map((entry) => [
    `**${entry.title}** (\`${entry.type}\`)`,
    entry.howItShows,
    entry.response,
    entry.severity,
    entry.settings.map((s) => `\`${s}\``).join(', '),
    entry.chapterRow === 'implied' ? 'implied' : 'chapter',
  ]);
  const grid = [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
  const checks = table.map((entry) => [`### ${entry.title}`, '', ...entry.checks.map((c) => `- ${escapeCell(c)}`)].join('\n'));
  return `${grid}\n\n## What to check\n\n${checks.join('\n\n')}\n`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

// A pipe inside a cell would end it; newlines would end the row.
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
