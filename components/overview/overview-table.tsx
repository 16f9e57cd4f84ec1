import type { OverviewRowView } from '@/lib/view/build-overview-rows';
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

/** Fixed column widths and tabular numbers: nothing moves sideways as values update. */
export function OverviewTable({ rows }: { rows: OverviewRowView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full min-w-[1180px] table-fixed border-collapse text-left">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.width} />
          ))}
        </colgroup>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" title={c.title} className={`px-2 py-2 font-semibold ${c.align === 'right' ? 'text-right' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OverviewRow key={row.pipelineId} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
