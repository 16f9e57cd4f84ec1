import type { ElementType } from 'react';

/**
 * User-controlled text (pipeline, group, topic, client names): rendered as text, cut with an
 * ellipsis, the whole of it in the title, its direction taken from its own first strong character.
 */
export function TruncatedText({ text, as: Tag = 'span', className = '', testId }: { text: string; as?: ElementType; className?: string; testId?: string }) {
  return (
    <Tag data-testid={testId} title={text} dir="auto" className={`block min-w-0 truncate ${className}`}>
      {text}
    </Tag>
  );
}
