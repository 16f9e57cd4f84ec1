'use client';

import type { OverviewFilter } from '@/lib/view/overview-query';

interface Props {
  q: string;
  filter: OverviewFilter;
  total: number;
  needingAttention: number;
  onSearch: (q: string) => void;
  onFilter: (filter: OverviewFilter) => void;
}

export function OverviewToolbar({ q, filter, total, needingAttention, onSearch, onFilter }: Props) {
  const options: { value: OverviewFilter; label: string }[] = [
    { value: 'all', label: `All (${total})` },
    { value: 'attention', label: `Needs attention (${needingAttention})` },
  ];
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="group" aria-label="Filter by status" className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-600">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            data-testid={`filter-${o.value}`}
            aria-pressed={filter === o.value}
            onClick={() => onFilter(o.value)}
            className={`whitespace-nowrap px-3 py-1 ${filter === o.value ? 'bg-slate-800 font-semibold text-white dark:bg-slate-200 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
          >
            {o.label}
          </button>
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <span className="sr-only">Search pipelines</span>
        <input
          type="search"
          data-testid="search"
          value={q}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="Search name, group, topic"
          spellCheck={false}
          autoComplete="off"
          className="w-72 rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
        />
      </label>
    </div>
  );
}
