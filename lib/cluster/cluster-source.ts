import type { ClusterSample } from './cluster-sample';

/** Reads offsets and groups from a Kafka cluster, one sample per cycle. Rejects when Kafka does not answer. */
export interface ClusterSource {
  sample(): Promise<ClusterSample>;
  close(): Promise<void>;
}
