package org.homeward.intake.publishing;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * Settles a publication whose outcome was unknown: is the event in {@code case-events}? Reads the one partition its
 * case's key maps to, from the first record written at or after the attempt (minus a margin for clocks) to the end the
 * partition has now, looking for the event's id. Used only on the retry of such an attempt, never on the ordinary path.
 */
@ApplicationScoped
public class TopicSearch {

    private static final Logger LOG = Logger.getLogger(TopicSearch.class);
    /** Records carry the producer's clock (CreateTime); the attempt's time comes from the same service's clock. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

    /** What the search found. */
    public enum Found {
        /** The event is in case-events. */
        PRESENT,
        /** Read to the partition's end: the event is not there. */
        ABSENT,
        /** The broker did not answer, or the partition was not read to its end within the bound. */
        UNKNOWN
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "homeward.intake.settle-timeout", defaultValue = "PT3S")
    Duration bound;

    /** Looks for {@code eventId} among the records of case {@code caseId} written since {@code attemptedAt}. */
    public Found find(UUID caseId, UUID eventId, Instant attemptedAt) {
        long deadline = System.nanoTime() + bound.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.CASE_EVENTS, bound);
            if (partitions == null || partitions.isEmpty()) {
                return Found.UNKNOWN;
            }
            byte[] key = caseId.toString().getBytes(StandardCharsets.UTF_8);
            // The producer's default partitioner for a keyed record: murmur2 of the key, modulo the partitions.
            TopicPartition partition = new TopicPartition(Topics.CASE_EVENTS,
                    Utils.toPositive(Utils.murmur2(key)) % partitions.size());
            long end = consumer.endOffsets(List.of(partition), remaining(deadline)).get(partition);
            OffsetAndTimestamp from = consumer.offsetsForTimes(
                    Map.of(partition, attemptedAt.minus(CLOCK_MARGIN).toEpochMilli()), remaining(deadline))
                    .get(partition);
            if (from == null || from.offset() >= end) {
                return Found.ABSENT; // nothing written since the attempt
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, from.offset());
            String id = eventId.toString();
            String wanted = caseId.toString();
            while (consumer.position(partition, remaining(deadline)) < end) {
                if (System.nanoTime() > deadline) {
                    return Found.UNKNOWN;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end && wanted.equals(record.key()) && holds(record.value(), id)) {
                        return Found.PRESENT;
                    }
                }
            }
            return Found.ABSENT;
        } catch (RuntimeException e) {
            LOG.warnf("Could not settle event %s of case %s: %s", eventId, caseId, e.getClass().getSimpleName());
            LOG.debugf("%s", SafeLog.describe(e));
            return Found.UNKNOWN;
        }
    }

    private static boolean holds(byte[] value, String eventId) {
        if (value == null || !new String(value, StandardCharsets.UTF_8).contains(eventId)) {
            return false;
        }
        try {
            return eventId.equals(String.valueOf(EventCodec.eventId(value)));
        } catch (RuntimeException e) {
            return false; // not an event of the contract: not ours
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("security.protocol")) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "intake-service-settle");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) bound.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) bound.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
