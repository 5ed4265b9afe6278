package org.homeward.support.messaging;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.events.CloudEvent;
import org.homeward.events.MalformedEventException;
import org.jboss.logging.Logger;

/**
 * How every Homeward consumer takes one record of a partition, in order, acknowledging it itself:
 * <ul>
 * <li>a record that is not a message of the contract is nacked at once: the connector dead-letters it;</li>
 * <li>otherwise the work is retried in place ({@link RetryInPlace}); success acks the record (its offset may then be
 * committed), a failure for good nacks it (dead-lettered);</li>
 * <li>while the service is stopping, a record is neither acked nor nacked: its offset is not committed, so the
 * consumer that takes over the partition takes the record. Without this, a record that failed only because the
 * database was already closing would be dead-lettered and the person's later events applied without it.</li>
 * </ul>
 */
@ApplicationScoped
public class InOrderHandler {

    private static final Logger LOG = Logger.getLogger(InOrderHandler.class);

    @ConfigProperty(name = "homeward.consumer.attempts", defaultValue = "5")
    int attempts;

    @ConfigProperty(name = "homeward.consumer.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    private RetryInPlace retry;

    @PostConstruct
    void init() {
        retry = new RetryInPlace(attempts, maxBackoff, InOrderHandler::stopping);
    }

    /** True once the JVM is shutting down (SIGTERM, a pod being stopped, Ctrl-C). */
    static boolean stopping() {
        return ApplicationLifecycleManager.isVmShuttingDown();
    }

    public <T extends CloudEvent<?>> CompletionStage<Void> handle(Message<byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work) {
        if (stopping()) {
            return leaveForTheNextOwner(record);
        }
        T message;
        try {
            message = decoder.apply(record.getPayload());
        } catch (MalformedEventException e) {
            LOG.errorf("Record %s is not a message of the contract (%s); dead-lettered", where(record), e.getMessage());
            return record.nack(e);
        }
        try {
            retry.run(message.type() + " " + message.id() + " of case " + message.subject(), () -> work.accept(message));
            return record.ack();
        } catch (RetryInPlace.Stopped | InterruptedException e) {
            return leaveForTheNextOwner(record);
        } catch (RuntimeException e) {
            if (stopping()) {
                return leaveForTheNextOwner(record);
            }
            return record.nack(e);
        }
    }

    private static CompletionStage<Void> leaveForTheNextOwner(Message<byte[]> record) {
        LOG.infof("Stopping: record %s left unacknowledged for the partition's next owner", where(record));
        return new CompletableFuture<>();
    }

    private static String where(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
    }
}
