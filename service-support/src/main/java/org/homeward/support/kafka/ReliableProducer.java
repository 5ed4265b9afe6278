package org.homeward.support.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way Homeward services publish: an idempotent producer with {@code acks=all}, records keyed by case id, and a
 * bounded wait for the broker's acknowledgement.
 *
 * <p>The wait is longer than the producer's own {@code delivery.timeout.ms}, so when {@link #send} returns, the record
 * is either acknowledged or the producer has given up on it: a caller that answers "failed" never has the record
 * published behind its back by a retry that was still running. (A lost acknowledgement can still leave a written
 * record: event ids make that duplicate harmless downstream.)
 */
public final class ReliableProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Duration deliveryTimeout;

    public ReliableProducer(Map<String, Object> kafkaConfig, String clientId, Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
        long delivery = deliveryTimeout.toMillis();
        long request = Math.max(1000, delivery / 2);
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("security.protocol")) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    /** Starts sending; combine with {@link #await} to send several records and wait once. */
    public Future<RecordMetadata> start(String topic, String key, byte[] value) {
        return start(topic, key, value, null);
    }

    /**
     * Starts sending a record with a W3C {@code traceparent} header (none when null), so that its consumer continues
     * the trace (docs/operations.md, "Traces").
     */
    public Future<RecordMetadata> start(String topic, String key, byte[] value, String traceparent) {
        Future<RecordMetadata> sent;
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            if (traceparent != null) {
                record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
            }
            sent = producer.send(record);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new PublishFailedException("not sent: " + e.getClass().getSimpleName(), e, false));
        }
        // A record the producer could not even queue (no metadata within max.block.ms, too large, not serialisable)
        // comes back as a future failed at once; a queued record can fail only after delivery.timeout.ms.
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(new PublishFailedException(
                        "not sent: " + e.getCause().getClass().getSimpleName(), e.getCause(), false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return sent;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, byte[] value) {
        return await(start(topic, key, value));
    }

    /**
     * Waits for an acknowledgement; throws {@link PublishFailedException} when the broker did not give one, saying
     * whether the record may be in Kafka all the same ({@link PublishFailedException#mayHaveBeenStored}).
     */
    public RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get(deliveryTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted", e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PublishFailedException failed) {
                throw failed;
            }
            throw new PublishFailedException(cause.getClass().getSimpleName(), cause, !refusedByBroker(cause));
        } catch (TimeoutException e) {
            throw new PublishFailedException("no acknowledgement", e, true);
        }
    }

    /**
     * Answers from the broker that say it did not write the record. Everything else (a timeout, a lost connection,
     * NOT_ENOUGH_REPLICAS_AFTER_APPEND, a sequence error) leaves open whether it did.
     */
    static boolean refusedByBroker(Throwable failure) {
        return failure instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || failure instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                || failure instanceof org.apache.kafka.common.errors.InvalidTopicException
                || failure instanceof org.apache.kafka.common.errors.TopicAuthorizationException
                || failure instanceof org.apache.kafka.common.errors.ClusterAuthorizationException
                || failure instanceof org.apache.kafka.common.errors.SerializationException;
    }

    /** The bound on one {@link #send}: metadata wait plus delivery timeout. */
    public Duration bound() {
        return deliveryTimeout.multipliedBy(2);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
