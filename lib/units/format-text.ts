/** "consumer group is empty" → "Consumer group is empty": a reason that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
