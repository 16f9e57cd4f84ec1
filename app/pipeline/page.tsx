import { Suspense } from 'react';
import { PipelineScreen } from '@/components/pipeline/pipeline-screen';

// No metadata title: the screen renders "Pipewatch — <pipeline name>" once it knows the name.

export default function PipelinePage() {
  return (
    <Suspense
      fallback={
        <>
          <title>Pipewatch — Pipeline</title>
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
        </>
      }
    >
      <PipelineScreen />
    </Suspense>
  );
}
