package org.homeward.support.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CloudEvent;
import org.homeward.events.MalformedEventException;
import org.jboss.logging.Logger;

/**
 * How every Homeward consumer handles one record of a partition, in order: decode it (a record that is not a message
 * of the contract leaves at once for the dead-letter topic), then do the work, retrying in place
 * ({@link RetryInPlace}). Returning normally lets the connector commit the offset; throwing dead-letters the record.
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
        retry = new RetryInPlace(attempts, maxBackoff);
    }

    public <T extends CloudEvent<?>> void handle(ConsumerRecord<String, byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work) throws InterruptedException {
        T message;
        try {
            message = decoder.apply(record.value());
        } catch (MalformedEventException e) {
            LOG.errorf("Record %s-%d@%d is not a message of the contract (%s); dead-lettered", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        retry.run(message.type() + " " + message.id() + " of case " + message.subject(), () -> work.accept(message));
    }
}
