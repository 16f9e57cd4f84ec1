import type { StateLabel } from '@/lib/view/describe-status';
import { TONE_BADGE } from './tone-classes';

/** A state as word + glyph + colour: readable without the colour. */
export function StateBadge({ state, title, testId, dataState, className = '' }: { state: StateLabel; title?: string; testId?: string; dataState?: string; className?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={dataState}
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${TONE_BADGE[state.tone]} ${className}`}
    >
      <span aria-hidden="true" className="inline-block w-3 text-center">
        {state.icon}
      </span>
      {state.label}
    </span>
  );
}
