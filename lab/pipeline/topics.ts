import type { Admin } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/** Creates the topics that are missing; an existing topic is left as it is, with a note if it differs. */
export async function ensureTopics(admin: Admin, specs: TopicSpec[], log: (line: string) => void): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map(({ topic, numPartitions }) => ({ topic, numPartitions })) });
    log(`created topics ${missing.map((spec) => `${spec.topic} (${spec.numPartitions} partitions)`).join(', ')}`);
  }
  const present = specs.filter((spec) => existing.has(spec.topic));
  if (present.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.topic) });
  for (const topic of metadata.topics) {
    const wanted = present.find((spec) => spec.topic === topic.name)?.numPartitions;
    if (wanted !== undefined && topic.partitions.length !== wanted) {
      log(`topic ${topic.name} exists with ${topic.partitions.length} partitions (wanted ${wanted}); using it as is`);
    }
  }
}
