export const GAP_HATCH_ID = 'pw-gap-hatch';

/**
 * The hatch that fills "no data" areas, defined once per page: url(#id) references reach across
 * SVGs. Kept out of layout (absolute, zero size) rather than display:none, which breaks patterns.
 */
export function ChartPatterns() {
  return (
    <svg aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        <pattern id={GAP_HATCH_ID} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="var(--gap-fill)" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="var(--gap-stroke)" strokeWidth="2" />
        </pattern>
      </defs>
    </svg>
  );
}
