package org.homeward.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * For tests: reads a topic from the beginning with a consumer group of its own and keeps every record it saw, so a
 * test can await records and also check that nothing else was published.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    /**
     * Every record seen, once: keyed by partition and offset, because a consumer that loses its position (the broker
     * restarted before it committed any) reads from the beginning again.
     */
    private final Map<String, ConsumerRecord<String, byte[]>> seen = new java.util.LinkedHashMap<>();

    public TopicProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", "probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false",
                "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once more and answers every record seen so far, in partition-arrival order. */
    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
            seen.putIfAbsent(record.partition() + "@" + record.offset(), record);
        }
        return List.copyOf(seen.values());
    }

    /**
     * Reads until this probe has seen everything the topic held when the call began (each partition's end offset),
     * and answers every record seen so far: a record acknowledged before the call is in the answer, so a test can
     * prove that something was never published.
     */
    public synchronized List<ConsumerRecord<String, byte[]>> recordsToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<org.apache.kafka.common.TopicPartition, Long> end = null;
        while (System.nanoTime() < deadline) {
            records();
            var assignment = consumer.assignment();
            if (assignment.isEmpty()) {
                continue;
            }
            if (end == null || !end.keySet().equals(assignment)) {
                end = consumer.endOffsets(assignment, Duration.ofSeconds(10));
            }
            boolean caughtUp = true;
            for (var partition : end.entrySet()) {
                caughtUp &= consumer.position(partition.getKey(), Duration.ofSeconds(10)) >= partition.getValue();
            }
            if (caughtUp) {
                return List.copyOf(seen.values());
            }
        }
        throw new IllegalStateException("The probe did not reach the end of the topic within " + timeout);
    }

    /** The records seen so far with this key. */
    public List<ConsumerRecord<String, byte[]>> records(String key) {
        return records().stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
