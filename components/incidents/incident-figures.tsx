import type { DurationCell, IncidentFiguresView } from '@/lib/view/build-incident-figures-view';

const HEAD = 'px-2 py-2 font-semibold';
const CELL = 'px-2 py-1.5 align-top';

/** Per failure type: how many, how many open, how long to detect, acknowledge and resolve (median and p95). */
export function IncidentFigures({ view, error, rangeLabel }: { view: IncidentFiguresView | null; error: string | null; rangeLabel: string }) {
  return (
    <section aria-labelledby="figures-title" data-testid="incident-figures" className="space-y-2">
      <div>
        <h2 id="figures-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Figures by failure type
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {rangeLabel}, for the pipeline and type chosen above, open and resolved alike. Detect: first seen → opened; acknowledge and resolve: from opened.
        </p>
      </div>
      {error !== null ? (
        <p data-testid="figures-error" className="text-sm font-medium text-red-800 dark:text-red-200">
          <span aria-hidden="true">✖ </span>Could not load the figures: {error}
        </p>
      ) : view === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading figures…</p>
      ) : view.rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No incidents in this range: no figures.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <table className="w-full min-w-[860px] border-collapse text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className={HEAD}>
                  Failure type
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Incidents
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Open
                </th>
                <th scope="col" className={HEAD}>
                  Time to detect <span className="normal-case">median · p95</span>
                </th>
                <th scope="col" className={HEAD}>
                  Time to acknowledge <span className="normal-case">median · p95</span>
                </th>
                <th scope="col" className={HEAD}>
                  Time to resolve <span className="normal-case">median · p95</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.type} data-testid="figures-row" data-type={r.type} className="border-t border-slate-200 dark:border-slate-800">
                  <th scope="row" className={`${CELL} font-semibold`}>
                    {r.title}
                  </th>
                  <td className={`${CELL} text-right`}>{r.count}</td>
                  <td className={`${CELL} text-right ${r.hasOpen ? 'font-bold text-red-700 dark:text-red-300' : ''}`}>{r.open}</td>
                  <Duration cell={r.detect} />
                  <Duration cell={r.acknowledge} />
                  <Duration cell={r.resolve} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Duration({ cell }: { cell: DurationCell }) {
  return (
    <td className={CELL}>
      {cell.hasSamples ? (
        <>
          <span className="font-medium">{cell.median}</span>
          <span className="mx-1.5 text-slate-500">·</span>
          <span className="font-medium">{cell.p95}</span>
        </>
      ) : (
        <span className="font-medium" aria-label="no samples">
          {cell.median}
        </span>
      )}
      <span className="block text-xs text-slate-600 dark:text-slate-400">{cell.samples}</span>
    </td>
  );
}
