import type { PartitionsView } from '@/lib/view/build-partition-rows';
import { StateBadge } from '@/components/ui/state-badge';
import { TruncatedText } from '@/components/ui/truncated-text';

const HEAD = 'px-2 py-2 font-semibold';
const CELL = 'px-2 py-1.5';

export function PartitionTable({ view }: { view: PartitionsView }) {
  return (
    <section aria-labelledby="partitions-title" className="space-y-2">
      <h2 id="partitions-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Partitions
      </h2>
      {view.kind === 'gap' ? (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">{view.reason}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <table className="w-full min-w-[1000px] table-fixed border-collapse text-left text-sm">
            <colgroup>
              <col className="w-auto" />
              <col className="w-[5.5rem]" />
              <col className="w-[17rem]" />
              <col className="w-[8rem]" />
              <col className="w-[8rem]" />
              <col className="w-[7.5rem]" />
              <col className="w-[7rem]" />
              <col className="w-[7.5rem]" />
              <col className="w-[7.5rem]" />
              <col className="w-[8rem]" />
            </colgroup>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className={HEAD}>Topic</th>
                <th scope="col" className={`${HEAD} text-right`}>Partition</th>
                <th scope="col" className={HEAD}>Owner</th>
                <th scope="col" className={`${HEAD} text-right`}>Committed</th>
                <th scope="col" className={`${HEAD} text-right`}>Log end</th>
                <th scope="col" className={`${HEAD} text-right`}>Lag</th>
                <th scope="col" className={`${HEAD} text-right`} title="age of the oldest unconsumed record; ≥: at least">Lag (time)</th>
                <th scope="col" className={`${HEAD} text-right`}>Consume</th>
                <th scope="col" className={HEAD}>Lag state</th>
                <th scope="col" className={HEAD}>Status</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.key} data-testid="partition-row" data-topic={r.topic} data-partition={r.partition} className="border-b border-slate-200 dark:border-slate-800">
                  <td className={CELL}>
                    <TruncatedText text={r.topic} />
                  </td>
                  <td className={`${CELL} text-right`}>{r.partition}</td>
                  <td className={CELL}>
                    <TruncatedText text={r.owner} className={r.owner === 'unassigned' ? 'text-slate-500 dark:text-slate-400' : ''} />
                  </td>
                  <td className={`${CELL} text-right`}>{r.committedOffset}</td>
                  <td className={`${CELL} text-right`}>{r.logEndOffset}</td>
                  <td className={`${CELL} text-right font-medium`} title={r.lag.title ?? undefined}>
                    {r.lag.text}
                  </td>
                  <td className={`${CELL} text-right`} title={r.lagSeconds.title ?? undefined}>
                    {r.lagSeconds.text}
                  </td>
                  <td className={`${CELL} text-right`}>{r.consumeRate}</td>
                  <td className={CELL}>{r.lagState}</td>
                  <td className={CELL}>{r.status ? <StateBadge state={r.status} title={r.status.reason} dataState={r.status.kind} /> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
