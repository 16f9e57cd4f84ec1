'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '@/components/api/api-client';
import { muteKeys } from '@/components/api/query-keys';
import { useServerNow } from '@/components/live/use-now';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, ERROR_TEXT, INPUT, LABEL } from '@/components/ui/form-classes';
import { useRememberedName } from '@/components/ui/use-remembered-name';
import { buildActiveMute, DEFAULT_MUTE_DURATION, MUTE_DURATION_LABEL, MUTE_DURATIONS, type MuteDuration } from '@/lib/view/build-mute-view';

/**
 * The pipeline header's "Mute notifications…": a badge while muted (with Unmute), a small form
 * otherwise. Muting holds back notifications only; incidents still open and are recorded.
 */
export function MuteControl({ pipelineId }: { pipelineId: string }) {
  const queryClient = useQueryClient();
  const nowMs = useServerNow();
  const mutes = useQuery({ queryKey: muteKeys.all, queryFn: ({ signal }) => api.mutes({ signal }), refetchInterval: 30_000 });
  const active = mutes.data === undefined ? null : buildActiveMute(mutes.data, pipelineId, nowMs);
  const [open, setOpen] = useState(false);
  const [name, remember] = useRememberedName();
  const [unmuteName, setUnmuteName] = useState<string | null>(null);
  const unmute = useMutation({
    mutationFn: ({ id, by }: { id: number; by: string }) => api.unmute(id, by),
    onSuccess: async (_, { by }) => {
      remember(by);
      setUnmuteName(null);
      await queryClient.invalidateQueries({ queryKey: muteKeys.all });
    },
  });

  if (active) {
    const by = unmuteName ?? name;
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="mute-badge" data-mute-id={active.id} title={active.title} className="inline-flex items-center gap-1 rounded border border-slate-400 bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-800 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-200">
          <span aria-hidden="true">⊘</span>
          <span dir="auto">{active.text}</span>
          {active.others > 0 ? <span className="font-normal">(+{active.others} more)</span> : null}
        </span>
        {unmuteName !== null || name === '' ? (
          <input aria-label="Your name" data-testid="unmute-name" placeholder="your name" value={by} onChange={(e) => setUnmuteName(e.target.value)} className={`${INPUT} w-36 py-0.5`} />
        ) : null}
        <button
          type="button"
          data-testid="mute-unmute"
          disabled={unmute.isPending}
          onClick={() => (by.trim() === '' ? setUnmuteName('') : unmute.mutate({ id: active.id, by }))}
          className={`${BUTTON_SECONDARY} px-2 py-0.5 text-xs`}
        >
          {unmute.isPending ? 'Unmuting…' : 'Unmute'}
        </button>
        {unmute.error ? (
          <span data-testid="mute-error" role="alert" className={`${ERROR_TEXT} text-xs`}>
            {unmute.error.message}
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <div className="relative">
      <button type="button" data-testid="mute-open" aria-expanded={open} onClick={() => setOpen(!open)} className={`${BUTTON_SECONDARY} px-2 py-0.5 text-xs`}>
        <span aria-hidden="true">⊘ </span>Mute notifications…
      </button>
      {open ? <MuteForm pipelineId={pipelineId} onDone={() => setOpen(false)} /> : null}
    </div>
  );
}

function MuteForm({ pipelineId, onDone }: { pipelineId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [remembered, remember] = useRememberedName();
  const [nameDraft, setNameDraft] = useState<string | null>(null);
  const name = nameDraft ?? remembered;
  const [duration, setDuration] = useState<MuteDuration>(DEFAULT_MUTE_DURATION);
  const [reason, setReason] = useState('');
  const ids = useId();
  const mute = useMutation({
    mutationFn: () => api.mute(pipelineId, duration, name, reason),
    onSuccess: async () => {
      remember(name);
      await queryClient.invalidateQueries({ queryKey: muteKeys.all });
      onDone();
    },
  });
  return (
    <form
      data-testid="mute-form"
      aria-label="Mute notifications"
      onSubmit={(e) => {
        e.preventDefault();
        if (!mute.isPending) mute.mutate();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
      className="absolute right-0 top-full z-10 mt-1 w-[22rem] max-w-[90vw] space-y-2 rounded-lg border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-600 dark:bg-slate-900"
    >
      <p className="text-xs text-slate-700 dark:text-slate-300">
        Holds back this pipeline’s notifications (webhooks, Slack) for a while. Its incidents are still opened and recorded, and still show here.
      </p>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${ids}-for`} className={LABEL}>
            For
          </label>
          <select id={`${ids}-for`} data-testid="mute-duration" value={duration} onChange={(e) => setDuration(e.target.value as MuteDuration)} className={INPUT}>
            {MUTE_DURATIONS.map((d) => (
              <option key={d} value={d}>
                {MUTE_DURATION_LABEL[d]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-name`} className={LABEL}>
            Your name
          </label>
          <input id={`${ids}-name`} data-testid="mute-name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setNameDraft(e.target.value)} className={INPUT} />
        </div>
      </div>
      <div>
        <label htmlFor={`${ids}-reason`} className={LABEL}>
          Reason
        </label>
        <input id={`${ids}-reason`} data-testid="mute-reason" maxLength={10_000} dir="auto" placeholder="planned sink maintenance" value={reason} onChange={(e) => setReason(e.target.value)} className={INPUT} />
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" data-testid="mute-submit" disabled={mute.isPending} className={BUTTON_PRIMARY}>
          {mute.isPending ? 'Muting…' : 'Mute'}
        </button>
        <button type="button" onClick={onDone} className={BUTTON_SECONDARY}>
          Cancel
        </button>
      </div>
      {mute.error ? (
        <p data-testid="mute-error" role="alert" className={ERROR_TEXT}>
          <span aria-hidden="true">✖ </span>
          {mute.error.message}
        </p>
      ) : null}
    </form>
  );
}
