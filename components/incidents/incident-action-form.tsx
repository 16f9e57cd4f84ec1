'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '@/components/api/api-client';
import { incidentKeys } from '@/components/api/query-keys';
import { BUTTON_DANGER, BUTTON_PRIMARY, BUTTON_SECONDARY, ERROR_TEXT, INPUT, LABEL } from '@/components/ui/form-classes';
import { useRememberedName } from '@/components/ui/use-remembered-name';
import { buildIncidentActionRequest, describeIncidentAction, type IncidentActionKind } from '@/lib/view/build-incident-action-request';

/**
 * One action's form: your name (remembered), its text, submit. The server's answer to a bad
 * request is shown as it came; on success the incident and the lists are read again, so the new
 * entry is on the timeline when the form closes.
 */
export function IncidentActionForm({ kind, incidentId, onDone, onCancel }: { kind: IncidentActionKind; incidentId: string; onDone: (kind: IncidentActionKind) => void; onCancel: () => void }) {
  const words = describeIncidentAction(kind);
  const queryClient = useQueryClient();
  const [remembered, remember] = useRememberedName();
  const [nameDraft, setNameDraft] = useState<string | null>(null);
  const [text, setText] = useState('');
  const name = nameDraft ?? remembered;
  const ids = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const mutation = useMutation({
    mutationFn: () => {
      return api.incidentAction(buildIncidentActionRequest(kind, incidentId, name, text));
    },
    onSuccess: async () => {
      remember(name);
      // The incident itself, the lists and the figures.
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      onDone(kind);
    },
  });

  useEffect(() => {
    (name.trim() === '' ? nameRef.current : textRef.current)?.focus();
    // Only when the form opens: focus must not jump while typing.
  }, []);

  const submitOnCtrlEnter = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!mutation.isPending) mutation.mutate();
    }
    if (e.key === 'Escape') onCancel();
  };

  return (
    <form
      data-testid="action-form"
      data-action={kind}
      aria-label={words.open.replace('…', '')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!mutation.isPending) mutation.mutate();
      }}
      onKeyDown={submitOnCtrlEnter}
      className="space-y-2 rounded-lg border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">{words.help}</p>
      <div className="grid gap-2 sm:grid-cols-[14rem_minmax(0,1fr)]">
        <div>
          <label htmlFor={`${ids}-name`} className={LABEL}>
            Your name
          </label>
          <input
            ref={nameRef}
            id={`${ids}-name`}
            data-testid="action-name"
            autoComplete="name"
            maxLength={200}
            value={name}
            onChange={(e) => setNameDraft(e.target.value)}
            className={INPUT}
          />
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">Remembered in this browser.</p>
        </div>
        <div>
          <label htmlFor={`${ids}-text`} className={LABEL}>
            {words.textLabel}
          </label>
          <textarea
            ref={textRef}
            id={`${ids}-text`}
            data-testid="action-text"
            rows={2}
            maxLength={10_000}
            dir="auto"
            aria-required={words.textRequired}
            placeholder={words.textPlaceholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`${INPUT} min-h-[2.5rem] resize-y`}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" data-testid="action-submit" disabled={mutation.isPending} className={kind === 'resolve' ? BUTTON_DANGER : BUTTON_PRIMARY}>
          {mutation.isPending ? words.pending : words.submit}
        </button>
        <button type="button" onClick={onCancel} disabled={mutation.isPending} className={BUTTON_SECONDARY}>
          Cancel
        </button>
        <span className="text-xs text-slate-600 dark:text-slate-400">Ctrl+Enter submits, Esc cancels</span>
      </div>
      <div aria-live="assertive">
        {mutation.error ? (
          <p data-testid="action-error" role="alert" className={ERROR_TEXT}>
            <span aria-hidden="true">✖ </span>
            {mutation.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
