/** Keyset position in the newest-first listing: the last incident's open time and id. Opaque to callers. */
export interface IncidentCursor {
  openedAtMs: number;
  id: string;
}

export function formatIncidentCursor(cursor: IncidentCursor): string {
  return `${cursor.openedAtMs}:${cursor.id}`;
}

export function parseIncidentCursor(text: string): IncidentCursor | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const openedAtMs = Number(text.slice(0, colon));
  const id = text.slice(colon + 1);
  if (!/^\d+$/.test(text.slice(0, colon)) || !Number.isSafeInteger(openedAtMs) || id === '') return null;
  return { openedAtMs, id };
}
