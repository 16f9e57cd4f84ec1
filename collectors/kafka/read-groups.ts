import { FindCoordinatorKeyTypes } from '@platformatic/kafka';
import type { CommittedOffset } from '../../lib/cluster/cluster-sample';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import type { GroupDescriptionOutcome } from './group-description-outcome';
import { parseConsumerGroupDescribe, parseDescribeGroups, parseFindCoordinator, parseOffsetFetch, type Coordinator, type GroupRead } from './parse-platformatic-groups';
import type { KafkaRequests } from './platformatic-requests';

export interface ReadGroupsOptions {
  /** Groups per FindCoordinator, DescribeGroups and OffsetFetch request. */
  groupsPerRequest: number;
  maxConcurrentRequests: number;
}

export interface GroupsRead {
  descriptions: Map<string, GroupDescriptionOutcome>;
  /** A group missing here had its commits read; its failure reason otherwise. */
  committed: Map<string, CommittedOffset[]>;
  committedFailures: Map<string, string>;
}

type Job = { kind: 'describe' | 'offsets' | 'consumer-describe'; coordinator: Coordinator; groupIds: string[] };

/**
 * Descriptions and committed offsets of many groups, at a cost that grows with coordinators, not
 * groups: coordinators are cached across cycles (`coordinators`, updated here) and looked up in
 * one batched FindCoordinator (KIP-699) for the groups not cached; each coordinator then gets one
 * DescribeGroups and one multi-group OffsetFetch (KIP-709) per `groupsPerRequest` groups. A group
 * whose coordinator moved (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE) is looked up again and
 * asked again once within the cycle; any other failure stays that group's. Groups DescribeGroups
 * calls not classic (KIP-848) are described by one ConsumerGroupDescribe per coordinator.
 */
export async function readGroups(
  requests: KafkaRequests,
  coordinators: Map<string, Coordinator>,
  groupIds: readonly string[],
  options: ReadGroupsOptions,
): Promise<GroupsRead> {
  const result: GroupsRead = { descriptions: new Map(), committed: new Map(), committedFailures: new Map() };
  let toDescribe = [...groupIds];
  let toFetch = [...groupIds];
  const failDescribe = (groupId: string, reason: string) => result.descriptions.set(groupId, { kind: 'failed', reason });
  const failFetch = (groupId: string, reason: string) => result.committedFailures.set(groupId, reason);

  for (let attempt = 0; attempt < 2 && (toDescribe.length > 0 || toFetch.length > 0); attempt++) {
    const lookupFailures = await findCoordinators(requests, coordinators, [...new Set([...toDescribe, ...toFetch])], options);
    const describing = new Set(toDescribe);
    const fetching = new Set(toFetch);
    for (const [groupId, reason] of lookupFailures) {
      if (describing.has(groupId)) failDescribe(groupId, reason);
      if (fetching.has(groupId)) failFetch(groupId, reason);
    }
    const jobs = [
      ...jobsFor('describe', toDescribe.filter((g) => !lookupFailures.has(g)), coordinators, options.groupsPerRequest),
      ...jobsFor('offsets', toFetch.filter((g) => !lookupFailures.has(g)), coordinators, options.groupsPerRequest),
    ];
    const movedDescribe: string[] = [];
    const movedFetch: string[] = [];
    const lastAttempt = attempt === 1;
    await mapWithConcurrency(jobs, options.maxConcurrentRequests, async (job) => {
      const reads = await runJob(requests, job);
      for (const groupId of job.groupIds) {
        const read: GroupRead<unknown> = reads.get(groupId) ?? { kind: 'failed', reason: 'the coordinator did not answer for this group' };
        if (read.kind === 'moved') coordinators.delete(groupId);
        if (read.kind === 'moved' && !lastAttempt) {
          (job.kind === 'describe' ? movedDescribe : movedFetch).push(groupId);
        } else if (read.kind !== 'read') {
          if (job.kind === 'describe') failDescribe(groupId, read.reason);
          else failFetch(groupId, read.reason);
        } else if (job.kind === 'describe') {
          result.descriptions.set(groupId, read.value as GroupDescriptionOutcome);
        } else {
          result.committed.set(groupId, read.value as CommittedOffset[]);
        }
      }
    });
    toDescribe = movedDescribe;
    toFetch = movedFetch;
  }
  await describeConsumerGroups(requests, coordinators, result.descriptions, options);
  return result;
}

/**
 * Replaces each 'not-classic' description with what ConsumerGroupDescribe says of the group; a
 * group it cannot describe stays 'not-classic' with the reason. A moved coordinator is found
 * again next cycle (its commits were read this one).
 */
async function describeConsumerGroups(
  requests: KafkaRequests,
  coordinators: Map<string, Coordinator>,
  descriptions: Map<string, GroupDescriptionOutcome>,
  options: ReadGroupsOptions,
): Promise<void> {
  const groupIds = [...descriptions].filter(([groupId, d]) => d.kind === 'not-classic' && coordinators.has(groupId)).map(([groupId]) => groupId);
  await mapWithConcurrency(jobsFor('consumer-describe', groupIds, coordinators, options.groupsPerRequest), options.maxConcurrentRequests, async (job) => {
    const reads = await runJob(requests, job);
    for (const groupId of job.groupIds) {
      const read = reads.get(groupId);
      if (read?.kind === 'moved') coordinators.delete(groupId);
      descriptions.set(
        groupId,
        read?.kind === 'read'
          ? (read.value as GroupDescriptionOutcome)
          : { kind: 'not-classic', reason: `the group uses the Kafka 4 consumer protocol (KIP-848) and ConsumerGroupDescribe failed: ${read?.reason ?? 'no answer for this group'}; lag and commits are still read` },
      );
    }
  });
}

/** Looks up, in batches, the coordinators of the groups not cached; returns the groups left without one. */
async function findCoordinators(
  requests: KafkaRequests,
  coordinators: Map<string, Coordinator>,
  groupIds: string[],
  options: ReadGroupsOptions,
): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  const unknown = groupIds.filter((g) => !coordinators.has(g));
  await mapWithConcurrency(chunk(unknown, options.groupsPerRequest), options.maxConcurrentRequests, async (keys) => {
    try {
      const lookups = parseFindCoordinator(await requests.send('FindCoordinator', 'any', [FindCoordinatorKeyTypes.GROUP, keys]));
      for (const groupId of keys) {
        const lookup = lookups.get(groupId);
        if (lookup?.kind === 'found') coordinators.set(groupId, lookup.coordinator);
        else failures.set(groupId, lookup?.reason ?? 'coordinator not found: no answer for this group');
      }
    } catch (error) {
      for (const groupId of keys) failures.set(groupId, `coordinator not found: ${messageOf(error)}`);
    }
  });
  return failures;
}

function jobsFor(kind: Job['kind'], groupIds: string[], coordinators: Map<string, Coordinator>, size: number): Job[] {
  const byNode = new Map<number, { coordinator: Coordinator; groupIds: string[] }>();
  for (const groupId of groupIds) {
    const coordinator = coordinators.get(groupId)!;
    const entry = byNode.get(coordinator.nodeId) ?? { coordinator, groupIds: [] };
    entry.groupIds.push(groupId);
    byNode.set(coordinator.nodeId, entry);
  }
  return [...byNode.values()].flatMap(({ coordinator, groupIds: ids }) => chunk(ids, size).map((part) => ({ kind, coordinator, groupIds: part })));
}

async function runJob(requests: KafkaRequests, job: Job): Promise<Map<string, GroupRead<unknown>>> {
  const broker = { host: job.coordinator.host, port: job.coordinator.port };
  try {
    if (job.kind === 'describe') return parseDescribeGroups(await requests.send('DescribeGroups', broker, [job.groupIds, false]));
    if (job.kind === 'consumer-describe') return parseConsumerGroupDescribe(await requests.send('ConsumerGroupDescribe', broker, [job.groupIds, false]));
    // topics null: every partition the group has committed on; memberEpoch -1: asked by an admin, not a member.
    const groups = job.groupIds.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: null }));
    return parseOffsetFetch(await requests.send('OffsetFetch', broker, [groups, false]));
  } catch (error) {
    // The coordinator did not answer at all: its groups are looked up afresh next cycle.
    const reason = `${API_OF_JOB[job.kind]} to broker ${job.coordinator.nodeId} failed: ${messageOf(error)}`;
    return new Map(job.groupIds.map((groupId) => [groupId, { kind: 'moved', reason }] as const));
  }
}

const API_OF_JOB: Record<Job['kind'], string> = { describe: 'DescribeGroups', offsets: 'OffsetFetch', 'consumer-describe': 'ConsumerGroupDescribe' };

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
