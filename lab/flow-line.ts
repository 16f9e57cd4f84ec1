/** One line of `npm run demo`'s follow output: is the demo pipeline moving, and what is injected. */

export interface FlowSample {
  atMs: number;
  /** Events the producer has sent since the pipeline started. */
  produced: number;
  /** Writes the sink applied, duplicates and stale writes included. */
  sinkAnswered: number;
  /** Sum over partitions of log end minus committed offset, read from Kafka; undefined when Kafka did not answer. */
  lagMessages: number | undefined;
  members: number;
  pausedMembers: number;
  faults: { name: string; params: Record<string, unknown>; endsAt: string | null }[];
}

export function formatFlowLine(previous: FlowSample | undefined, current: FlowSample): string {
  const time = new Date(current.atMs).toISOString().slice(11, 19);
  const elapsedSec = previous ? (current.atMs - previous.atMs) / 1000 : 0;
  const rate = (now: number, before: number | undefined) =>
    previous && elapsedSec > 0 && before !== undefined ? `${((now - before) / elapsedSec).toFixed(1)}/s` : '  -  ';
  const lag = current.lagMessages === undefined ? 'lag ? (Kafka not answering)' : `lag ${current.lagMessages} msg`;
  const members = `members ${current.members}${current.pausedMembers > 0 ? ` (${current.pausedMembers} PAUSED)` : ''}`;
  const faults = current.faults.length === 0 ? 'faults: none' : `faults: ${current.faults.map(formatFault).join(', ')}`;
  return [
    time,
    `produced ${rate(current.produced, previous?.produced)}`,
    `sink ${rate(current.sinkAnswered, previous?.sinkAnswered)}`,
    lag,
    members,
    faults,
  ].join('  ');
}

function formatFault(fault: FlowSample['faults'][number]): string {
  const params = Object.entries(fault.params).map(([key, value]) => `${key}=${String(value)}`);
  if (fault.endsAt) params.push(`until ${fault.endsAt.slice(11, 19)}`);
  return params.length > 0 ? `${fault.name} (${params.join(', ')})` : fault.name;
}
