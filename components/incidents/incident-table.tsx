'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { IncidentRowView } from '@/lib/view/build-incident-rows';
import { StateBadge } from '@/components/ui/state-badge';
import { TruncatedText } from '@/components/ui/truncated-text';

const HEAD = 'px-2 py-2 font-semibold';
const CELL = 'px-2 py-1.5 align-middle';

export function IncidentTable({ rows }: { rows: IncidentRowView[] }) {
  const router = useRouter();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full min-w-[1000px] table-fixed border-collapse text-left text-sm">
        <colgroup>
          <col className="w-[15rem]" />
          <col className="w-auto" />
          <col className="w-[7.5rem]" />
          <col className="w-[10rem]" />
          <col className="w-[12rem]" />
          <col className="w-[9rem]" />
          <col className="w-[11rem]" />
        </colgroup>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className={HEAD}>Type</th>
            <th scope="col" className={HEAD}>Pipeline</th>
            <th scope="col" className={HEAD}>Severity</th>
            <th scope="col" className={HEAD}>Status</th>
            <th scope="col" className={HEAD}>Started (UTC)</th>
            <th scope="col" className={HEAD}>Duration</th>
            <th scope="col" className={HEAD}>Acknowledged</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              data-testid="incident-row"
              data-incident-id={r.id}
              data-incident-type={r.type}
              data-incident-status={r.status.status}
              onClick={(e) => {
                if (!(e.target as HTMLElement).closest('a,button') && !window.getSelection()?.toString()) router.push(r.href);
              }}
              className="h-12 cursor-pointer border-b border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
            >
              <td className={CELL}>
                <Link href={r.href} className="font-semibold hover:underline">
                  <TruncatedText text={r.title} />
                </Link>
              </td>
              <td className={CELL}>
                <Link href={r.pipelineHref} className="hover:underline">
                  <TruncatedText text={r.pipelineName} />
                </Link>
              </td>
              <td className={CELL}>
                <StateBadge state={r.severity} />
              </td>
              <td className={CELL}>
                <StateBadge state={r.status} dataState={r.status.status} />
                {r.resolution ? (
                  <span data-testid="incident-resolution" className="mt-0.5 block truncate text-xs text-slate-700 dark:text-slate-300" title={r.resolution} dir="auto">
                    {r.resolution}
                  </span>
                ) : null}
              </td>
              <td className={CELL}>
                <span className="block">{r.startedAbsolute}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{r.startedRelative}</span>
              </td>
              <td className={CELL}>{r.duration}</td>
              <td className={CELL}>
                <TruncatedText text={r.acknowledged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
