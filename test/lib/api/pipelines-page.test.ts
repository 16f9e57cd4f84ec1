import { describe, expect, it } from 'vitest';
import { buildPipelinesPage, formatPipelinesCursor, parsePipelinesCursor, withPipelineDetail, type PipelinesPageQuery } from '../../../lib/api/pipelines-page';
import type { PipelineJson } from '../../../lib/api/pipeline-json';
import { INITIAL_SOURCE_HEALTH } from '../../../lib/collection/source-health';
import { comparePipelineSummaries } from '../../../lib/live/build-pipeline-summary';
import type { OverviewFrame, PipelineSummary } from '../../../lib/live/live-wire';
import { summary, T0 } from '../view/view-fixtures';

/** 25 pipelines p00…p24; every fifth one is in trouble (rank 10, status warn). */
function frame(pipelines: PipelineSummary[] = fleet()): OverviewFrame {
  return { atMs: T0, intervalMs: 5_000, sources: { kafka: INITIAL_SOURCE_HEALTH, prometheus: INITIAL_SOURCE_HEALTH }, pipelines: [...pipelines].sort(comparePipelineSummaries), openIncidents: [] };
}

function fleet(): PipelineSummary[] {
  return Array.from({ length: 25 }, (_, i) => {
    const id = `p${String(i).padStart(2, '0')}`;
    return summary({ pipelineId: id, topics: [i % 2 === 0 ? 'even' : 'odd'], ...(i % 5 === 0 ? { rank: 10, status: { kind: 'warn' as const, reason: 'lag grows' } } : {}) });
  });
}

const query = (overrides: Partial<PipelinesPageQuery> = {}): PipelinesPageQuery => ({ q: '', status: 'all', limit: 10, cursor: null, ...overrides });
const ids = (rows: { pipelineId: string }[]) => rows.map((r) => r.pipelineId);

/** Every page from the first, following nextCursor. */
function allPages(f: OverviewFrame, q: PipelinesPageQuery): string[][] {
  const pages: string[][] = [];
  let cursor = q.cursor;
  for (;;) {
    const page = buildPipelinesPage(f, { ...q, cursor });
    pages.push(ids(page.pipelines));
    if (page.nextCursor === null) return pages;
    cursor = parsePipelinesCursor(page.nextCursor);
  }
}

describe('buildPipelinesPage', () => {
  it('pages through every row once, worst first, and the last page has no cursor', () => {
    const pages = allPages(frame(), query());
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(ids(frame().pipelines));
    expect(pages[0]!.slice(0, 5)).toEqual(['p00', 'p05', 'p10', 'p15', 'p20']);
  });

  it.each([
    { desc: 'status attention', q: query({ status: 'attention' }), expected: ['p00', 'p05', 'p10', 'p15', 'p20'] },
    { desc: 'a list of health kinds', q: query({ status: ['warn'] }), expected: ['p00', 'p05', 'p10', 'p15', 'p20'] },
    { desc: 'text search over topics, paged', q: query({ q: 'EVEN', limit: 4 }), expected: ['p00', 'p10', 'p20', 'p02', 'p04', 'p06', 'p08', 'p12', 'p14', 'p16', 'p18', 'p22', 'p24'] },
    { desc: 'filter and search together', q: query({ status: 'attention', q: 'odd' }), expected: ['p05', 'p15'] },
  ])('filters like the overview: $desc', ({ q, expected }) => {
    expect(allPages(frame(), q).flat()).toEqual(expected);
  });

  it('counts every pipeline in the header figures, and the matches over all pages', () => {
    const page = buildPipelinesPage(frame(), query({ status: 'attention', limit: 2 }));
    expect({ total: page.total, needingAttention: page.needingAttention, warn: page.byStatus.warn, ok: page.byStatus.ok, matched: page.matched, rows: page.pipelines.length }).toEqual({ total: 25, needingAttention: 5, warn: 5, ok: 20, matched: 5, rows: 2 });
  });

  it('a page after a reorder starts after the same row, not after the same count', () => {
    const first = buildPipelinesPage(frame(), query({ limit: 5 }));
    expect(ids(first.pipelines)).toEqual(['p00', 'p05', 'p10', 'p15', 'p20']);
    // Before the next page is asked for, p03 turns bad and moves above the cursor.
    const moved = frame(fleet().map((p) => (p.pipelineId === 'p03' ? { ...p, rank: 50 } : p)));
    const next = buildPipelinesPage(moved, query({ limit: 5, cursor: parsePipelinesCursor(first.nextCursor!) }));
    expect(ids(next.pipelines)).toEqual(['p01', 'p02', 'p04', 'p06', 'p07']);
  });

  it('include=partitions swaps each row for its whole state, same page', () => {
    const page = buildPipelinesPage(frame(), query({ limit: 3 }));
    const detailed = withPipelineDetail(page, (id) => ({ pipelineId: id, kafka: { kind: 'sampled', partitions: [] } }) as unknown as PipelineJson);
    expect({ ids: ids(detailed.pipelines), cursor: detailed.nextCursor, partitions: 'partitions' in (detailed.pipelines[0]!.kafka as object) }).toEqual({ ids: ids(page.pipelines), cursor: page.nextCursor, partitions: true });
  });
});

describe('pipelines cursor', () => {
  it.each([
    { desc: 'plain', row: { rank: 12, name: 'orders', pipelineId: 'orders' } },
    { desc: 'colons, slashes and Unicode in names', row: { rank: -1, name: 'a:b/ç 🔥', pipelineId: 'grp:1/%' } },
  ])('round-trips: $desc', ({ row }) => {
    expect(parsePipelinesCursor(formatPipelinesCursor(row))).toEqual(row);
  });

  it.each(['', 'x:y:z', '12:only', '1.5:a:b', '3:a:', '3:%E0%A4%A:b'])('rejects %j', (text) => {
    expect(parsePipelinesCursor(text)).toBeNull();
  });
});
