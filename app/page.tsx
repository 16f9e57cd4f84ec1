'use client';

import { useConnectionStatus, useOverview } from '@/components/live/use-live';
import { formatCount } from '@/lib/format/format-units';

export default function OverviewPage() {
  const overview = useOverview();
  const { status } = useConnectionStatus();
  return (
    <main className="p-6">
      <h1 className="text-xl font-semibold">Pipelines</h1>
      <p data-testid="connection">{status?.kind ?? 'connecting'}</p>
      <table>
        <tbody>
          {overview?.frame?.pipelines.map((p) => (
            <tr key={p.pipelineId} data-testid="pipeline-row">
              <td>{p.name}</td>
              <td>{p.status.kind}</td>
              <td>{formatCount(p.lagMessages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
