'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PipelineSummary, SparkPoint } from '@/lib/live/live-wire';
import { buildOverviewRow } from '@/lib/view/build-overview-rows';
import { OverviewRow } from './overview-row';

const COLUMNS: { label: string; width: string; align?: 'right'; title?: string }[] = [
  { label: 'Status', width: 'w-[7rem]' },
  { label: 'Pipeline', width: 'w-auto', title: 'name; group · topics · members' },
  { label: 'Lag', width: 'w-[7rem]', align: 'right', title: 'messages, and the age of the oldest unconsumed record (≥: at least)' },
  { label: 'Drain', width: 'w-[9.5rem]', title: 'time to drain at current rates' },
  { label: 'In / out', width: 'w-[8.5rem]', align: 'right', title: 'produce rate (appended) and consume rate (committed)' },
  { label: 'DLQ', width: 'w-[7rem]', align: 'right', title: 'dead letter depth and growth' },
  { label: 'Sink', width: 'w-[7.5rem]', align: 'right', title: 'sink latency p99 and retries' },
  { label: 'Problem', width: 'w-[12.5rem]', title: 'open incident, or the current finding' },
  { label: 'Lag trend', width: 'w-[7rem]' },
];

/** The rows' fixed height (`h-14`): the window is computed, never measured. */
const ROW_HEIGHT_PX = 56;
/** Rows drawn above and below the screen, so a fast scroll does not show blank space. */
const OVERSCAN_ROWS = 10;

interface Props {
  pipelines: PipelineSummary[];
  sparklines: Readonly<Record<string, SparkPoint[]>>;
  atMs: number;
  intervalMs: number;
}

/**
 * Fixed column widths and tabular numbers: nothing moves sideways as values update. Only the rows
 * in the window (the screen plus a margin) are formatted and in the DOM; spacer rows above and
 * below keep the page as tall as every row, so the browser's own scrolling, find-in-page aside,
 * works as with a full table.
 */
export function OverviewTable({ pipelines, sparklines, atMs, intervalMs }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the rows start on the page; the toolbar above may wrap, so it is read after each render.
  useLayoutEffect(() => {
    const top = body.current ? Math.round(body.current.getBoundingClientRect().top + window.scrollY) : 0;
    setScrollMargin((current) => (current === top ? current : top));
  });
  const virtualizer = useWindowVirtualizer({ count: pipelines.length, estimateSize: () => ROW_HEIGHT_PX, overscan: OVERSCAN_ROWS, scrollMargin });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin) : 0;

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table aria-rowcount={pipelines.length + 1} data-testid="overview-table" className="w-full min-w-[1180px] table-fixed border-collapse text-left">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.width} />
          ))}
        </colgroup>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" title={c.title} className={`px-2 py-2 font-semibold ${c.align === 'right' ? 'text-right' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {before > 0 ? <Spacer heightPx={before} /> : null}
          {items.map((item) => {
            const summary = pipelines[item.index]!;
            return <WindowRow key={summary.pipelineId} summary={summary} spark={sparklines[summary.pipelineId]} atMs={atMs} intervalMs={intervalMs} rowIndex={item.index + 2} />;
          })}
          {after > 0 ? <Spacer heightPx={after} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** Stands for the rows not drawn; a row without a cell may collapse, so it holds one across the table. */
function Spacer({ heightPx }: { heightPx: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={COLUMNS.length} style={{ height: heightPx, padding: 0, border: 0 }} />
    </tr>
  );
}

const NO_POINTS: SparkPoint[] = [];

/** Formats its row only when the row's data or the frame's time changed. */
function WindowRow({ summary, spark = NO_POINTS, atMs, intervalMs, rowIndex }: { summary: PipelineSummary; spark: SparkPoint[] | undefined; atMs: number; intervalMs: number; rowIndex: number }) {
  const row = useMemo(() => buildOverviewRow(summary, spark, { atMs, intervalMs }), [summary, spark, atMs, intervalMs]);
  return <OverviewRow row={row} rowIndex={rowIndex} />;
}
