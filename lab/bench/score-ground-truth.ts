import { FAULT_NAMES, type FaultName } from '../pipeline/faults';
import { describeFault } from './score-schedule';

/** One fault from its start to its end, as the pipeline's ground-truth log recorded it. */
export interface FaultEpisode {
  fault: FaultName;
  params: Record<string, number>;
  /** "slow-sink latencyMs=400". */
  label: string;
  startMs: number;
  endMs: number;
  /** Why it ended: expired, healthy, shutdown…; 'open' when the log has no end (the run was cut short). */
  endCause: string;
}

/** The wire form of one log line; see formatFaultLogLine in lab/pipeline/faults.ts. */
interface FaultLogLine {
  event: 'start' | 'end';
  fault: string;
  atMs: number;
  params: Record<string, number>;
  cause?: string;
  startedAtMs?: number;
}

/**
 * Pairs the log's start and end lines into episodes, in start order. An end names its start by
 * fault and startedAtMs; a start without an end is closed at `runEndMs`. Bad lines are refused.
 */
export function parseFaultLog(text: string, runEndMs: number): FaultEpisode[] {
  const open = new Map<string, FaultEpisode>();
  const episodes: FaultEpisode[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = parseLine(raw, index + 1);
    if (line.event === 'start') {
      const episode: FaultEpisode = {
        fault: line.fault as FaultName,
        params: line.params,
        label: describeFault({ name: line.fault, ...line.params }),
        startMs: line.atMs,
        endMs: runEndMs,
        endCause: 'open',
      };
      open.set(`${line.fault}@${line.atMs}`, episode);
      episodes.push(episode);
      return;
    }
    const key = `${line.fault}@${line.startedAtMs}`;
    const episode = open.get(key);
    if (!episode) throw new Error(`fault log line ${index + 1}: end of ${line.fault} started at ${line.startedAtMs}, which never started`);
    episode.endMs = line.atMs;
    episode.endCause = line.cause ?? 'unknown';
    open.delete(key);
  });
  return episodes.sort((a, b) => a.startMs - b.startMs);
}

function parseLine(raw: string, lineNumber: number): FaultLogLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`fault log line ${lineNumber} is not JSON: ${raw.slice(0, 80)}`);
  }
  if (typeof value !== 'object' || value === null) {
    throw new Error(`fault log line ${lineNumber} is not a fault start or end: ${raw.slice(0, 120)}`);
  }
  const line = value as Partial<FaultLogLine>;
  const known = typeof line.fault === 'string' && (FAULT_NAMES as readonly string[]).includes(line.fault);
  const timed = typeof line.atMs === 'number' && (line.event === 'start' || (line.event === 'end' && typeof line.startedAtMs === 'number'));
  if (!known || !timed || typeof line.params !== 'object' || line.params === null) {
    throw new Error(`fault log line ${lineNumber} is not a fault start or end: ${raw.slice(0, 120)}`);
  }
  return line as FaultLogLine;
}
