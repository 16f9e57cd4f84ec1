/**
 * A pipeline is a consumer group and the topics it reads, plus their dead letter topics. With no
 * configuration every group is a pipeline; a config can name them and pin topics and DLQs.
 */
export interface PipelineDefinition {
  id: string;
  name: string;
  groupId: string;
  /** null: whatever the group is assigned or has committed on. */
  topics: readonly string[] | null;
  /** null: found by naming convention next to each topic. */
  dlqTopics: readonly string[] | null;
}

/** A pipeline with its topics and DLQs settled for one cycle. */
export interface ResolvedPipeline {
  id: string;
  name: string;
  groupId: string;
  topics: string[];
  dlqTopics: string[];
  /** Whether the pipeline was named in the config or found in the cluster. */
  origin: 'configured' | 'discovered';
}
