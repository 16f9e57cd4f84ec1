import { protocolErrors, protocolErrorsCodesById } from '@platformatic/kafka';

/** Kafka error codes this collector acts on (https://kafka.apache.org/protocol#protocol_error_codes). */
export const ERROR = {
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  GROUP_ID_NOT_FOUND: 69,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
} as const;

/** The code's name and the client's text for it: "NOT_COORDINATOR: This is not the correct coordinator." */
export function describeErrorCode(code: number, serverMessage?: string | null): string {
  const id = (protocolErrorsCodesById as Record<number, string>)[code];
  const known = id === undefined ? undefined : (protocolErrors as Record<string, { message: string }>)[id];
  const text = serverMessage || known?.message || '';
  return `${id ?? `error ${code}`}${text ? `: ${text}` : ''}`;
}

/** The group's coordinator is elsewhere or not elected: find it again and ask there, within the cycle. */
export function isCoordinatorMoved(code: number): boolean {
  return code === ERROR.NOT_COORDINATOR || code === ERROR.COORDINATOR_NOT_AVAILABLE;
}

/** The cached metadata named the wrong leader, or a topic that is gone: refresh it and ask again. */
export function isStaleMetadata(code: number): boolean {
  return (
    code === ERROR.UNKNOWN_TOPIC_OR_PARTITION ||
    code === ERROR.LEADER_NOT_AVAILABLE ||
    code === ERROR.NOT_LEADER_OR_FOLLOWER ||
    code === ERROR.FENCED_LEADER_EPOCH ||
    code === ERROR.UNKNOWN_LEADER_EPOCH
  );
}
