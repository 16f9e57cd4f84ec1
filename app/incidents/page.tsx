import type { Metadata } from 'next';
import { Suspense } from 'react';
import { IncidentsScreen } from '@/components/incidents/incidents-screen';

export const metadata: Metadata = { title: 'Pipewatch — Incidents' };

export default function IncidentsPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}>
      <IncidentsScreen />
    </Suspense>
  );
}
