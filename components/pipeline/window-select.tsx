'use client';

import { WINDOW_OPTIONS, windowLabelOf, type WindowOption } from '@/lib/view/window-options';

/** The live windows the server streams, then longer ranges read from Prometheus. */
export function WindowSelect({ value, onChange }: { value: WindowOption; onChange: (w: WindowOption) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600 dark:text-slate-400">Time range</span>
      <select
        data-testid="window-select"
        value={value}
        onChange={(e) => onChange(e.target.value as WindowOption)}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        {WINDOW_OPTIONS.map((w) => (
          <option key={w} value={w}>
            {windowLabelOf(w)}
          </option>
        ))}
      </select>
    </label>
  );
}
