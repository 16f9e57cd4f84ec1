'use client';

import { FAILURE_TABLE } from '@/lib/diagnosis/failure-table';
import { INCIDENTS_RANGES, RANGE_LABEL, type IncidentsQuery, type IncidentsRange } from '@/lib/view/incidents-query';

const STATUS_OPTIONS: { value: IncidentsQuery['status']; label: string }[] = [
  { value: null, label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
];

const SELECT = 'max-w-[18rem] rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export function IncidentFilters({ query, pipelines, onChange }: { query: IncidentsQuery; pipelines: { id: string; name: string }[]; onChange: (q: IncidentsQuery) => void }) {
  const pipelineOptions = query.pipeline && !pipelines.some((p) => p.id === query.pipeline) ? [...pipelines, { id: query.pipeline, name: query.pipeline }] : pipelines;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <div role="group" aria-label="Status" className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-600">
        {STATUS_OPTIONS.map((o) => (
          <button
            key={o.label}
            type="button"
            data-testid={`status-${o.value ?? 'all'}`}
            aria-pressed={query.status === o.value}
            onClick={() => onChange({ ...query, status: o.value })}
            className={`px-3 py-1 ${query.status === o.value ? 'bg-slate-800 font-semibold text-white dark:bg-slate-200 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
          >
            {o.label}
          </button>
        ))}
      </div>
      <label className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-400">Type</span>
        <select data-testid="type-filter" value={query.type ?? ''} onChange={(e) => onChange({ ...query, type: (e.target.value || null) as IncidentsQuery['type'] })} className={SELECT}>
          <option value="">All types</option>
          {FAILURE_TABLE.map((f) => (
            <option key={f.type} value={f.type}>
              {f.title}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-400">Time</span>
        <select data-testid="range-filter" value={query.range} onChange={(e) => onChange({ ...query, range: e.target.value as IncidentsRange })} className={SELECT}>
          {INCIDENTS_RANGES.map((r) => (
            <option key={r} value={r}>
              {RANGE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-400">Pipeline</span>
        <select data-testid="pipeline-filter" value={query.pipeline ?? ''} onChange={(e) => onChange({ ...query, pipeline: e.target.value || null })} className={SELECT}>
          <option value="">All pipelines</option>
          {pipelineOptions.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
