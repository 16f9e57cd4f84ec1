'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { memo, type MouseEvent } from 'react';
import type { OverviewRowView } from '@/lib/view/build-overview-rows';
import { StateBadge } from '@/components/ui/state-badge';
import { TONE_BADGE, TONE_TEXT } from '@/components/ui/tone-classes';
import { TruncatedText } from '@/components/ui/truncated-text';
import { LagSparkline } from './lag-sparkline';

const CELL = 'px-2 py-1.5 align-middle';
const SUB = 'block truncate text-xs text-slate-600 dark:text-slate-400';

/** One pipeline; a click anywhere but on a link opens its page. `rowIndex` counts from 1 over every row, drawn or not (aria-rowindex). */
export const OverviewRow = memo(function OverviewRow({ row, rowIndex }: { row: OverviewRowView; rowIndex: number }) {
  const router = useRouter();
  function open(event: MouseEvent<HTMLTableRowElement>) {
    if ((event.target as HTMLElement).closest('a,button') || window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(row.href, '_blank');
    else router.push(row.href);
  }
  return (
    <tr
      data-testid="pipeline-row"
      aria-rowindex={rowIndex}
      data-pipeline-id={row.pipelineId}
      data-status={row.status.kind}
      onClick={open}
      className="h-14 cursor-pointer border-b border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
    >
      <td className={CELL}>
        <StateBadge state={row.status} title={row.status.reason} testId="status" dataState={row.status.kind} />
      </td>
      <td className={`${CELL} min-w-0`}>
        <Link href={row.href} className="block min-w-0 font-semibold text-slate-900 hover:underline dark:text-slate-100">
          <TruncatedText text={row.name} testId="pipeline-name" />
        </Link>
        <span className={SUB} title={`group ${row.groupId} · topics ${row.topicsText} · ${row.members.text}${row.members.title ? ` (${row.members.title})` : ''}`}>
          <bdi>{row.groupId === row.name ? '' : `${row.groupId} · `}</bdi>
          <bdi>{row.topicsText}</bdi> · <span data-testid="members">{row.members.text}</span>
        </span>
      </td>
      {row.kafkaGap !== null ? (
        <td colSpan={4} className={CELL}>
          <span data-testid="lag-messages" data-gap="kafka" title={row.kafkaGap} className={`block truncate text-sm font-medium ${TONE_TEXT.warn}`}>
            <span aria-hidden="true">⚠ </span>
            {row.kafkaGap}
          </span>
        </td>
      ) : (
        <>
          <td className={`${CELL} text-right`}>
            <span data-testid="lag-messages" className="block font-semibold">
              {row.lagMessages}
            </span>
            <span className={SUB} title={row.lagSeconds.title ?? undefined} data-testid="lag-seconds">
              {row.lagSeconds.text}
            </span>
          </td>
          <td className={CELL}>
            <span title={row.drain.title ?? undefined} className={`block truncate text-sm ${TONE_TEXT[row.drain.tone]}`}>
              {row.drain.text}
            </span>
          </td>
          <td className={`${CELL} text-right text-sm`}>
            <span className="block truncate" title="produce rate: appended to the topics">
              <span className="text-xs text-slate-500 dark:text-slate-400">in </span>
              {row.produceRate}
            </span>
            <span className="block truncate" title="consume rate: committed by the group">
              <span className="text-xs text-slate-500 dark:text-slate-400">out </span>
              {row.consumeRate}
            </span>
          </td>
          <td className={`${CELL} text-right text-sm`}>
            <span className="block truncate">{row.dlqDepth}</span>
            <span className={`${SUB} ${row.dlqGrowth.text.startsWith('+') ? TONE_TEXT.warn : ''}`} title={row.dlqGrowth.title ?? undefined}>
              {row.dlqGrowth.text}
            </span>
          </td>
        </>
      )}
      <td className={`${CELL} text-right text-sm`} title={row.signalsGap ?? undefined}>
        <span className="block truncate">
          <span className="text-xs text-slate-500 dark:text-slate-400">p99 </span>
          {row.sinkP99}
        </span>
        <span className="block truncate">
          <span className="text-xs text-slate-500 dark:text-slate-400">retries </span>
          {row.retries}
        </span>
      </td>
      <td className={CELL}>
        <Problem row={row} />
      </td>
      <td className={CELL}>
        <LagSparkline path={row.sparkline} />
      </td>
    </tr>
  );
});

function Problem({ row }: { row: OverviewRowView }) {
  const p = row.problem;
  if (!p) return <span className="text-sm text-slate-500 dark:text-slate-400">none</span>;
  if (p.kind === 'incident') {
    return (
      <Link
        href={p.href}
        data-testid="incident-badge"
        data-incident-id={p.id}
        title={`${p.severity.label} incident: ${p.text}`}
        className={`flex max-w-full items-center gap-1 truncate rounded border px-1.5 py-0.5 text-xs font-semibold hover:underline ${TONE_BADGE[p.severity.tone]}`}
      >
        <span aria-hidden="true">{p.severity.icon}</span>
        <span className="truncate">
          {p.title}
          {/* An open incident is what the badge means; other states and acknowledgement are spelled out. */}
          {p.status.label === 'Open' ? null : <span className="font-normal"> · {p.status.label.toLowerCase()}</span>}
          {p.acknowledged ? <span className="font-normal"> · ack</span> : null}
        </span>
      </Link>
    );
  }
  if (p.kind === 'resolved') {
    return (
      <Link href={p.href} data-testid="resolved-incident" className="block truncate text-xs text-slate-600 hover:underline dark:text-slate-400">
        <span aria-hidden="true">○ </span>
        {p.text}
      </Link>
    );
  }
  return (
    <span data-testid="finding-badge" title={`${p.severity.label}: ${p.text}`} className={`flex max-w-full items-center gap-1 truncate text-xs font-medium ${TONE_TEXT[p.severity.tone]}`}>
      <span aria-hidden="true">{p.severity.icon}</span>
      <span className="truncate">
        {p.title} <span className="font-normal">({p.confidence})</span>
      </span>
    </span>
  );
}
