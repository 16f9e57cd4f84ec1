'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/components/api/api-client';
import { demoKeys } from '@/components/api/query-keys';
import { useNow } from '@/components/live/use-now';
import { buildFaultRequestBody, DEFAULT_FAULT_FOR_MS, FAULT_CATALOG, parseActiveFaults, type FaultEntry } from '@/lib/view/fault-catalog';
import { formatDurationText } from '@/lib/view/format-time';

/** Demo mode only: start the lab's faults and watch Pipewatch classify them. */
export function FaultPanel() {
  const queryClient = useQueryClient();
  const nowMs = useNow();
  const active = useQuery({ queryKey: demoKeys.faults(), queryFn: ({ signal }) => api.demoFaults({ signal }), refetchInterval: 5_000, retry: false });
  const start = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.startDemoFault(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: demoKeys.faults() }),
  });
  const parsed = active.data === undefined ? null : parseActiveFaults(active.data, nowMs);
  const error = start.error?.message ?? active.error?.message ?? (parsed && !parsed.ok ? parsed.error : null);
  const activeNames = new Set(parsed?.ok ? parsed.active.map((a) => a.name) : []);

  return (
    <section data-testid="fault-panel" aria-labelledby="fault-panel-title" className="rounded-lg border border-violet-300 bg-violet-50/50 p-3 dark:border-violet-800 dark:bg-violet-950/30">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="fault-panel-title" className="text-sm font-bold">
          Demo lab · inject a fault <span className="font-normal text-slate-600 dark:text-slate-400">(each runs {formatDurationText(DEFAULT_FAULT_FOR_MS)}; incidents open after ~3 cycles)</span>
        </h2>
        <button
          type="button"
          data-testid="fault-clear"
          disabled={start.isPending}
          onClick={() => start.mutate({ name: 'healthy' })}
          className="rounded border border-slate-400 bg-white px-2 py-1 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60 dark:border-slate-500 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          End all faults
        </button>
      </div>
      <div className="mt-2 min-h-[1.5rem] text-sm" aria-live="polite">
        {error ? (
          <p data-testid="fault-error" className="font-medium text-red-700 dark:text-red-300">
            <span aria-hidden="true">✖ </span>
            {error}
          </p>
        ) : parsed?.ok && parsed.active.length > 0 ? (
          <ul data-testid="fault-active" className="flex flex-wrap gap-x-4 gap-y-1">
            {parsed.active.map((a) => (
              <li key={a.name}>
                <span aria-hidden="true">● </span>
                <strong>{a.name}</strong>
                {a.params ? ` (${a.params})` : ''} · {a.started} · {a.ends}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">{parsed?.ok ? 'No fault active: the demo pipeline runs healthy.' : 'Reading active faults…'}</p>
        )}
      </div>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
        {FAULT_CATALOG.map((f) => (
          <FaultItem key={f.name} fault={f} active={activeNames.has(f.name)} pending={start.isPending} onStart={() => start.mutate(buildFaultRequestBody(f))} />
        ))}
      </ul>
    </section>
  );
}

function FaultItem({ fault, active, pending, onStart }: { fault: FaultEntry; active: boolean; pending: boolean; onStart: () => void }) {
  return (
    <li className="flex items-start gap-2 rounded border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-900">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">
          {fault.name}
          {active ? <span className="ml-1 text-xs font-semibold text-violet-800 dark:text-violet-300">● active</span> : null}
        </p>
        <p className="text-xs text-slate-700 dark:text-slate-300">{fault.explanation}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          expect: <span className="font-medium text-slate-800 dark:text-slate-200">{fault.expectsText}</span>
        </p>
      </div>
      <button
        type="button"
        data-testid="fault-start"
        data-fault={fault.name}
        disabled={pending}
        onClick={onStart}
        className="shrink-0 rounded bg-violet-700 px-2 py-1 text-xs font-semibold text-white hover:bg-violet-800 disabled:opacity-60 dark:bg-violet-500 dark:text-slate-950 dark:hover:bg-violet-400"
      >
        {active ? 'Restart' : 'Start'}
      </button>
    </li>
  );
}
