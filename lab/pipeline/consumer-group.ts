import type { ConsumerMember } from './consumer-member';
import type { FaultController } from './fault-controller';

export interface MemberStatus {
  clientId: string;
  partitions: number[];
  paused: boolean;
}

/** The members of one consumer group, and how the rebalance and consumer-stop faults change them. */
export interface ConsumerGroup {
  start(): Promise<void>;
  stop(): Promise<void>;
  members(): MemberStatus[];
}

export interface ConsumerGroupOptions {
  memberCount: number;
  createMember: (index: number) => ConsumerMember;
  faults: Pick<FaultController, 'get' | 'subscribe'>;
  log: (line: string) => void;
  /** After a member failed to start (broker unreachable, say), try again this much later. */
  restartDelayMs?: number;
}

export function createConsumerGroup(options: ConsumerGroupOptions): ConsumerGroup {
  const { faults, log } = options;
  const running = new Map<number, ConsumerMember>();
  let extraMemberWanted = false;
  let churnTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let queue = Promise.resolve();
  let unsubscribe = (): void => {};

  function wantedIndices(): number[] {
    if (closed || faults.get('consumer-stop')) return [];
    const count = options.memberCount + (extraMemberWanted ? 1 : 0);
    return Array.from({ length: count }, (_, index) => index);
  }

  async function converge(): Promise<void> {
    const wanted = new Set(wantedIndices());
    const leaving = [...running].filter(([index]) => !wanted.has(index));
    await Promise.all(
      leaving.map(async ([index, member]) => {
        running.delete(index);
        await member.stop();
        log(`${member.clientId} left the group`);
      }),
    );
    const joining = [...wanted].filter((index) => !running.has(index));
    await Promise.all(joining.map(startMember));
  }

  async function startMember(index: number): Promise<void> {
    const member = options.createMember(index);
    running.set(index, member);
    try {
      await member.start();
    } catch (error) {
      running.delete(index);
      await member.stop().catch(() => undefined);
      const retryMs = options.restartDelayMs ?? 5_000;
      log(`${member.clientId} could not start (${error instanceof Error ? error.message : String(error)}); retrying in ${retryMs} ms`);
      clearTimeout(retryTimer);
      if (!closed) retryTimer = setTimeout(() => void reconcile(), retryMs);
    }
  }

  /** Serialised: a start or stop of a kafkajs consumer must not overlap another change of membership. */
  function reconcile(): Promise<void> {
    queue = queue.then(converge).catch((error: unknown) => log(`consumer group change failed: ${String(error)}`));
    return queue;
  }

  function updateChurn(): void {
    clearInterval(churnTimer);
    churnTimer = undefined;
    const rebalance = faults.get('rebalance');
    extraMemberWanted = false;
    if (rebalance && !closed) {
      const toggle = (): void => {
        extraMemberWanted = !extraMemberWanted;
        void reconcile();
      };
      toggle();
      churnTimer = setInterval(toggle, rebalance.spec.intervalMs);
    }
    void reconcile();
  }

  return {
    async start() {
      unsubscribe = faults.subscribe((transitions) => {
        const names = new Set(transitions.map((t) => t.fault.spec.name));
        if (names.has('rebalance')) updateChurn();
        else if (names.has('consumer-stop')) void reconcile();
      });
      if (faults.get('rebalance')) updateChurn();
      await reconcile();
    },
    async stop() {
      closed = true;
      unsubscribe();
      clearInterval(churnTimer);
      clearTimeout(retryTimer);
      await reconcile();
    },
    members: () =>
      [...running.values()].map((member) => ({
        clientId: member.clientId,
        partitions: member.assignedPartitions(),
        paused: member.isPaused(),
      })),
  };
}
