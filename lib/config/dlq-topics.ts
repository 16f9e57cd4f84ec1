/**
 * Dead letter topics found by naming convention. A template names the DLQ of a source topic with
 * `{topic}`, and may name the consuming group with `{group}` (Spring Cloud Stream's default,
 * `error.{topic}.{group}`, is per group). docs/configuration.md says where each default comes from.
 */

export const DEFAULT_DLQ_TOPIC_PATTERNS: readonly string[] = [
  '{topic}.dlq',
  '{topic}-dlq',
  '{topic}_dlq',
  'dlq.{topic}',
  'dlq-{topic}',
  '{topic}.DLT',
  '{topic}-dlt',
  '{topic}.dead-letter',
  '{topic}.deadletter',
  '{topic}-dead-letter',
  'error.{topic}.{group}',
];

const KAFKA_TOPIC_CHARS = /^[a-zA-Z0-9._-]*$/;

/** Why a template cannot name a topic, or null when it can. */
export function checkDlqTopicPattern(pattern: string): string | null {
  if (!pattern.includes('{topic}')) return `DLQ topic pattern ${JSON.stringify(pattern)} must contain {topic}`;
  const literal = pattern.replaceAll('{topic}', '').replaceAll('{group}', '');
  if (!KAFKA_TOPIC_CHARS.test(literal)) {
    return `DLQ topic pattern ${JSON.stringify(pattern)} has characters a Kafka topic name cannot have: only letters, digits, ".", "_" and "-" besides {topic} and {group}`;
  }
  return null;
}

/**
 * The names the patterns give `sourceTopic`'s DLQ, in pattern order. Patterns with `{group}` are
 * skipped when no group is known.
 */
export function dlqTopicNames(sourceTopic: string, patterns: readonly string[], groupId?: string): string[] {
  const names = patterns
    .filter((pattern) => groupId !== undefined || !pattern.includes('{group}'))
    .map((pattern) => pattern.replaceAll('{topic}', sourceTopic).replaceAll('{group}', groupId ?? ''))
    .filter((name) => name !== sourceTopic);
  return [...new Set(names)];
}

/** The DLQ topics of `sourceTopic` that exist, in pattern order. `allTopics`: a Set of names, or the sample's topic Map. */
export function findDlqTopics(
  sourceTopic: string,
  allTopics: { has(topic: string): boolean },
  patterns: readonly string[],
  groupId?: string,
): string[] {
  return dlqTopicNames(sourceTopic, patterns, groupId).filter((name) => allTopics.has(name));
}
