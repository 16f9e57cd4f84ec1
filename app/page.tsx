import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OverviewScreen } from '@/components/overview/overview-screen';

export const metadata: Metadata = { title: 'Pipewatch — Overview' };

export default function OverviewPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}>
      <OverviewScreen />
    </Suspense>
  );
}
