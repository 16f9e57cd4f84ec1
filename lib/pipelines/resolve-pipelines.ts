import type { ClusterSample, GroupSample } from '../cluster/cluster-sample';
import type { PipelineDefinition, ResolvedPipeline } from './pipeline-definition';

/** Names of possible DLQ topics for a source topic read by a group, by the configured conventions. */
export type DlqNamer = (sourceTopic: string, groupId: string) => readonly string[];

/**
 * Configured pipelines first (in config order), then every other sampled group as a discovered
 * pipeline, by group id. A configured pipeline whose group is not in the cluster is still listed:
 * its absence is news to the person watching it.
 */
export function resolvePipelines(
  configured: readonly PipelineDefinition[],
  sample: Pick<ClusterSample, 'groups' | 'topics'>,
  dlqNames: DlqNamer,
): ResolvedPipeline[] {
  const groups = new Map(sample.groups.map((g) => [g.groupId, g]));
  const configuredGroups = new Set(configured.map((p) => p.groupId));
  const resolve = (definition: PipelineDefinition, origin: ResolvedPipeline['origin']): ResolvedPipeline => {
    const topics = definition.topics ? [...definition.topics] : consumedTopics(groups.get(definition.groupId));
    const dlqTopics = definition.dlqTopics
      ? [...definition.dlqTopics]
      : [...new Set(topics.flatMap((topic) => dlqNames(topic, definition.groupId).filter((name) => sample.topics.has(name))))].sort();
    return { id: definition.id, name: definition.name, groupId: definition.groupId, topics, dlqTopics, origin };
  };
  const discovered = sample.groups
    .filter((g) => !configuredGroups.has(g.groupId))
    .map((g) => resolve({ id: g.groupId, name: g.groupId, groupId: g.groupId, topics: null, dlqTopics: null }, 'discovered'));
  return [...configured.map((p) => resolve(p, 'configured')), ...discovered];
}

function consumedTopics(group: GroupSample | undefined): string[] {
  if (!group) return [];
  const topics = new Set(group.committed.map((c) => c.topic));
  if (group.membership.kind === 'visible') {
    for (const member of group.membership.members) for (const a of member.assignment) topics.add(a.topic);
  }
  return [...topics].sort();
}
