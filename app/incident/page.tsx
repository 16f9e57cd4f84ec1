import { Suspense } from 'react';
import { IncidentScreen } from '@/components/incidents/incident-screen';

// No metadata title: the screen renders "Pipewatch — <failure> on <pipeline>" once the incident is read.
export default function IncidentPage() {
  return (
    <Suspense
      fallback={
        <>
          <title>Pipewatch — Incident</title>
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
        </>
      }
    >
      <IncidentScreen />
    </Suspense>
  );
}
