/**
 * Offsets and message counts are int64; a JS number holds integers exactly only up to 2^53.
 * Beyond that the nearest double is still within 1e-16 relative error — fine for display and
 * rates, so the conversion never fails, it only says whether it was exact.
 */
export interface ApproximateNumber {
  value: number;
  exact: boolean;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export function bigintToNumber(value: bigint): ApproximateNumber {
  return { value: Number(value), exact: value <= MAX_EXACT && value >= -MAX_EXACT };
}
