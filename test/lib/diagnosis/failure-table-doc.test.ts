import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFailureTableMarkdown } from '../../../lib/diagnosis/format-failure-table-markdown';

describe('docs/failure-table.md', () => {
  it('is the failure table the classifier reads, not a copy that drifted', () => {
    const doc = fs.readFileSync('docs/failure-table.md', 'utf8');
    expect(doc.trimEnd().endsWith(formatFailureTableMarkdown().trimEnd())).toBe(true);
  });
});
