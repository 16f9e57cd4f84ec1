import { FAILURE_TABLE, type FailureTableEntry } from '../diagnosis/failure-table';

/**
 * The failure table's words for a type, tolerant of a type newer than this build (an incident
 * from a newer server, a store written by a later version): it then reads as sent.
 */
export function failureTitle(type: string): string {
  return failureTableEntry(type)?.title ?? type;
}

export function failureTableEntry(type: string): FailureTableEntry | undefined {
  return FAILURE_TABLE.find((e) => e.type === type);
}
