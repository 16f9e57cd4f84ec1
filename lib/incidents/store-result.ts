/** What a user can get wrong comes back as a value; a broken database still rejects the promise. */

export type StoreErrorKind = 'not-found' | 'invalid' | 'conflict';

export interface StoreError {
  kind: StoreErrorKind;
  message: string;
}

export type StoreResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: StoreError };

export function storeError(kind: StoreErrorKind, message: string): { ok: false; error: StoreError } {
  return { ok: false, error: { kind, message } };
}
