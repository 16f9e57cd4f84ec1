import type { Tone } from '@/lib/view/describe-status';

/** Badge colours per tone, each pair checked for contrast in both themes (text ≥ 4.5:1 on its fill). */
export const TONE_BADGE: Record<Tone, string> = {
  ok: 'border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200',
  info: 'border-sky-400 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200',
  warn: 'border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200',
  bad: 'border-red-400 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200',
  neutral: 'border-slate-300 bg-slate-100 text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200',
};

/** Text colour alone, for words beside a number. */
export const TONE_TEXT: Record<Tone, string> = {
  ok: 'text-emerald-800 dark:text-emerald-300',
  info: 'text-sky-800 dark:text-sky-300',
  warn: 'text-amber-800 dark:text-amber-300',
  bad: 'text-red-700 dark:text-red-300',
  neutral: 'text-slate-600 dark:text-slate-400',
};
