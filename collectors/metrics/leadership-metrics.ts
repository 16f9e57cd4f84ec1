import { Gauge, type Registry } from 'prom-client';

export const LEADERSHIP_METRIC = {
  leader: 'pipewatch_leader',
  leaderChangedTimestampSeconds: 'pipewatch_leader_changed_timestamp_seconds',
} as const;

/** What the series read of the replica's leadership, at every scrape. */
export interface LeadershipFigures {
  isLeader(): boolean;
  /** Epoch ms of the last change (became leader, stepped down), or of the start. */
  changedAtMs(): number;
}

/** Which replica records incidents and notifies (1 on exactly one of them), and since when. */
export function registerLeadershipMetrics(registry: Registry, leadership: LeadershipFigures): void {
  const registers = [registry];
  new Gauge({
    name: LEADERSHIP_METRIC.leader,
    help: '1 on the replica that records incidents and sends notifications (always 1 on SQLite), 0 on the others.',
    registers,
    collect() {
      this.set(leadership.isLeader() ? 1 : 0);
    },
  });
  new Gauge({
    name: LEADERSHIP_METRIC.leaderChangedTimestampSeconds,
    help: 'When this replica last became leader or stepped down (its start when it never changed), in seconds since the epoch.',
    registers,
    collect() {
      this.set(leadership.changedAtMs() / 1000);
    },
  });
}
