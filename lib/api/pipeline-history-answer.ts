import type { PipelinePoint } from '../pipelines/pipeline-point';

/**
 * The body of `GET /api/pipelines/:id/history` (docs/api.md): a pipeline's chart points over a
 * range longer than the live windows, read from Prometheus. A missing sample is null, never zero.
 */
export interface PipelineHistoryAnswer {
  pipelineId: string;
  fromMs: number;
  toMs: number;
  /** Time between points, as sent to Prometheus: about 600 a chart, never finer than a collection cycle. */
  stepMs: number;
  points: PipelinePoint[];
  /** Queries that failed or found nothing, while the others answered. */
  warnings: string[];
}
