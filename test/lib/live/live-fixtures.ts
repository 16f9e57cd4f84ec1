import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisState } from '../../../lib/diagnosis/diagnose-cycle';
import { INITIAL_SOURCE_HEALTH } from '../../../lib/collection/source-health';
import type { LiveClient } from '../../../lib/live/live-hub';
import type { LiveCycle } from '../../../lib/live/live-projection';
import type { ServerMessage } from '../../../lib/live/live-protocol';
import { healthy, simulate } from '../../../lab/bench/simulate-pipeline';

/** Live cycles from the simulated pipeline, diagnosed for real: one per simulated step. */
export function simulatedCycles(seconds: number): LiveCycle[] {
  let state: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
  return simulate([healthy(seconds)], { stepSec: 1 }).map((snapshot) => {
    const diagnosed = diagnoseCycle(state, [snapshot]);
    state = diagnosed.state;
    return {
      atMs: snapshot.takenAtMs,
      sources: { kafka: INITIAL_SOURCE_HEALTH, prometheus: INITIAL_SOURCE_HEALTH },
      snapshots: [snapshot],
      diagnoses: diagnosed.diagnoses,
      incidentChanges: diagnosed.changes,
      openIncidents: diagnosed.openIncidents,
    };
  });
}

/** A client whose queue size the test sets, recording what it was sent. */
export function fakeClient(): LiveClient & { texts: string[]; messages(): ServerMessage[]; buffered: number; closed: { code: number; reason: string } | null } {
  const client = {
    texts: [] as string[],
    buffered: 0,
    closed: null as { code: number; reason: string } | null,
    send(message: string | Uint8Array) {
      client.texts.push(typeof message === 'string' ? message : new TextDecoder().decode(message));
    },
    bufferedBytes: () => client.buffered,
    close(code: number, reason: string) {
      client.closed = { code, reason };
    },
    messages: () => client.texts.map((t) => JSON.parse(t) as ServerMessage),
  };
  return client;
}
