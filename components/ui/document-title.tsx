/**
 * A title that depends on live data ("Pipewatch — fraud-features"). React 19 hoists <title> into
 * the head; the pages using it declare no metadata title, so there is only this one.
 */
export function DocumentTitle({ title }: { title: string }) {
  return <title>{title}</title>;
}
