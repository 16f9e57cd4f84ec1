'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';
import type { PipelinePoint } from '@/lib/live/live-wire';
import type { WindowOption } from '@/lib/view/window-options';

export interface PipelineHistoryAnswer {
  fromMs: number;
  toMs: number;
  stepMs: number;
  points: PipelinePoint[];
  warnings: string[];
}

/** A range beyond the live windows, from Prometheus through the server; refreshed every minute. */
export function usePipelineHistory(pipelineId: string, range: WindowOption, enabled: boolean) {
  return useQuery({
    queryKey: ['pipeline-history', pipelineId, range],
    queryFn: ({ signal }) => fetchJson<PipelineHistoryAnswer>(`/api/pipelines/${encodeURIComponent(pipelineId)}/history?range=${range}`, { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}
