/** kafkajs reports offsets as int64 decimal strings, with "-1" meaning "no committed offset". */

export type OffsetParseError = {
  kind: 'invalid-offset';
  text: string;
  reason: 'not-an-integer' | 'negative' | 'out-of-range';
};

export type ParsedOffset = { ok: true; offset: bigint | null } | { ok: false; error: OffsetParseError };

const INT64_MAX = 2n ** 63n - 1n;
// Checked before BigInt(): BigInt('') is 0n and BigInt(' 7 ') is 7n, both silently wrong here.
const DECIMAL_INTEGER = /^-?\d+$/;

export function parseOffset(text: string): ParsedOffset {
  if (!DECIMAL_INTEGER.test(text)) return invalid(text, 'not-an-integer');
  const value = BigInt(text);
  if (value === -1n) return { ok: true, offset: null };
  if (value < 0n) return invalid(text, 'negative');
  if (value > INT64_MAX) return invalid(text, 'out-of-range');
  return { ok: true, offset: value };
}

function invalid(text: string, reason: OffsetParseError['reason']): ParsedOffset {
  return { ok: false, error: { kind: 'invalid-offset', text, reason } };
}
