'use client';

import { useState } from 'react';
import { api } from '@/components/api/api-client';
import { BUTTON_SECONDARY } from '@/components/ui/form-classes';
import { buildPostmortemPath, postmortemFileName } from '@/lib/view/build-incident-action-request';

type CopyState = { kind: 'idle' } | { kind: 'copying' } | { kind: 'copied' } | { kind: 'failed'; message: string };

/** The postmortem as Markdown: downloaded as a file, or copied for a doc or a channel. */
export function PostmortemExport({ incidentId }: { incidentId: string }) {
  const path = buildPostmortemPath(incidentId);
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });

  const copyMarkdown = async () => {
    setCopy({ kind: 'copying' });
    try {
      await writeClipboard(await api.postmortemMarkdown(incidentId));
      setCopy({ kind: 'copied' });
    } catch (error) {
      setCopy({ kind: 'failed', message: (error as Error).message });
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <a data-testid="postmortem-link" href={path} download={postmortemFileName(incidentId)} className={BUTTON_SECONDARY}>
        <span aria-hidden="true">⤓ </span>Export postmortem (.md)
      </a>
      <button type="button" data-testid="postmortem-copy" onClick={copyMarkdown} disabled={copy.kind === 'copying'} className={BUTTON_SECONDARY}>
        {copy.kind === 'copying' ? 'Copying…' : 'Copy Markdown'}
      </button>
      <span aria-live="polite" className="text-sm">
        {copy.kind === 'copied' ? <span className="font-medium text-emerald-800 dark:text-emerald-300">✓ Copied</span> : null}
        {copy.kind === 'failed' ? (
          <span data-testid="postmortem-error" className="font-medium text-red-700 dark:text-red-300">
            ✖ Not copied: {copy.message}
          </span>
        ) : null}
      </span>
    </div>
  );
}

/** The Clipboard API needs a secure context (https or localhost); a dashboard on plain http falls back to a selection. */
async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('the browser refused; use Export instead');
}
