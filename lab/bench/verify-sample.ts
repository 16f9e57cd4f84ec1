import type { ClusterSample } from '../../lib/cluster/cluster-sample';
import { consumedTopics, type FixtureLayout } from './collect-fixture';

/** Whether a cycle saw what the fixture made: every group, its commits, every consumed partition. */
export interface SampleCheck {
  groupsSeen: number;
  groupsExpected: number;
  partitionsSeen: number;
  partitionsExpected: number;
  committedSeen: number;
  committedExpected: number;
  /** Groups missing, or whose commits differ from the layout (topics, partitions or offset). */
  mismatchedGroups: string[];
}

export function checkSample(sample: ClusterSample, layout: FixtureLayout, committedOffset: bigint): SampleCheck {
  const byId = new Map(sample.groups.map((g) => [g.groupId, g]));
  const mismatchedGroups: string[] = [];
  let committedExpected = 0;
  let committedSeen = 0;
  for (const [groupId, topics] of layout.groupTopics) {
    const expected = topics.reduce((total, t) => total + (layout.topics.get(t) ?? 0), 0);
    committedExpected += expected;
    const group = byId.get(groupId);
    const committed = group?.committed ?? [];
    committedSeen += committed.length;
    const right =
      committed.length === expected &&
      committed.every((c) => topics.includes(c.topic) && c.offset === committedOffset && c.partition < (layout.topics.get(c.topic) ?? 0));
    if (!right) mismatchedGroups.push(groupId);
  }
  const consumed = consumedTopics(layout);
  let partitionsExpected = 0;
  for (const t of consumed) partitionsExpected += layout.topics.get(t) ?? 0;
  let partitionsSeen = 0;
  for (const offsets of sample.topics.values()) partitionsSeen += offsets.length;
  return {
    groupsSeen: sample.groups.filter((g) => layout.groupTopics.has(g.groupId)).length,
    groupsExpected: layout.groupTopics.size,
    partitionsSeen,
    partitionsExpected,
    committedSeen,
    committedExpected,
    mismatchedGroups,
  };
}

export function isComplete(check: SampleCheck): boolean {
  return (
    check.mismatchedGroups.length === 0 &&
    check.groupsSeen === check.groupsExpected &&
    check.partitionsSeen === check.partitionsExpected &&
    check.committedSeen === check.committedExpected
  );
}
