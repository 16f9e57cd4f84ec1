'use client';

import Link from 'next/link';
import { useIncidentQuerySync } from '@/components/live/use-incident-query-sync';
import { ConnectionIndicator } from './connection-indicator';
import { NavLinks } from './nav-links';
import { SourceHealthIndicator } from './source-health-indicator';
import { ThemeToggle } from './theme-toggle';

/** On every page: the product, the nav, and whether what is on screen can be trusted right now. */
export function AppHeader() {
  useIncidentQuerySync();
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex h-12 max-w-[1680px] items-center gap-4 px-4">
        <Link href="/" className="flex items-center gap-1.5 text-base font-bold tracking-tight">
          <span aria-hidden="true">◉</span> Pipewatch
        </Link>
        <NavLinks />
        <div className="min-w-0 flex-1">
          <ConnectionIndicator />
        </div>
        <SourceHealthIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
