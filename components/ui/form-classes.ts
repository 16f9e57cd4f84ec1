/** Form controls shared by the action and mute forms: high contrast, visible focus, in both themes. */

export const INPUT =
  'w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus:outline-none focus:ring-2 focus:ring-blue-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:focus:ring-blue-400';

export const LABEL = 'block text-xs font-semibold text-slate-700 dark:text-slate-300';

export const BUTTON_PRIMARY =
  'rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-blue-400 dark:text-slate-950 dark:hover:bg-blue-300 dark:focus:ring-blue-400 dark:focus:ring-offset-slate-950';

export const BUTTON_DANGER =
  'rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-red-400 dark:text-slate-950 dark:hover:bg-red-300 dark:focus:ring-red-400 dark:focus:ring-offset-slate-950';

export const BUTTON_SECONDARY =
  'rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-600 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus:ring-blue-400';

export const ERROR_TEXT = 'rounded border border-red-400 bg-red-50 px-2 py-1 text-sm font-medium text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200';
