'use client';

import { useEffect, useState } from 'react';
import { parseThemePreference, THEME_PREFERENCE_ATTRIBUTE, THEME_PREFERENCES, THEME_STORAGE_KEY, type ThemePreference } from '@/lib/view/theme-preference';

declare global {
  interface Window {
    __pipewatchApplyTheme?: () => void;
  }
}

const LABEL: Record<ThemePreference, string> = { system: 'System', dark: 'Dark', light: 'Light' };

/** System / dark / light; the choice persists in localStorage and is applied by THEME_SCRIPT. */
export function ThemeToggle() {
  const [preference, setPreference] = useState<ThemePreference | null>(null);
  useEffect(() => {
    setPreference(parseThemePreference(document.documentElement.getAttribute(THEME_PREFERENCE_ATTRIBUTE)));
  }, []);

  function choose(next: ThemePreference) {
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice holds for this page only.
      document.documentElement.setAttribute('data-theme', next === 'system' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : next);
    }
    window.__pipewatchApplyTheme?.();
    setPreference(next);
  }

  return (
    <div role="group" aria-label="Theme" data-testid="theme-toggle" className="flex overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-600">
      {THEME_PREFERENCES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={preference === p}
          onClick={() => choose(p)}
          className={`px-2 py-1 ${preference === p ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
        >
          {LABEL[p]}
        </button>
      ))}
    </div>
  );
}
