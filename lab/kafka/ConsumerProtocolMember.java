import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer group member on the Kafka 4 consumer protocol (KIP-848, group.protocol=consumer),
 * which kafkajs cannot speak. The lab runs it with the broker's own kafka-clients jar
 * (java -cp <classpath> ConsumerProtocolMember.java <brokers> <topic> <group>) so tests can check
 * that such groups stay visible. Polls and commits until killed; prints "ready" once assigned.
 */
public class ConsumerProtocolMember {
  public static void main(String[] args) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, args[2]);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(args[1]));
      boolean announced = false;
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) consumer.commitSync();
        if (!announced && !consumer.assignment().isEmpty()) {
          System.out.println("ready " + consumer.assignment());
          System.out.flush();
          announced = true;
        }
      }
    }
  }
}
