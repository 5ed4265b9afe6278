package org.homeward.cases.lifecycle.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.support.messaging.RetryInPlace;
import org.jboss.logging.Logger;

/**
 * Consumes {@code case-events} one record at a time, in order (per partition, so per person). Offsets are committed
 * only after the record's transaction committed; failures are retried in place ({@link RetryInPlace}). A record that
 * is not an event of the contract goes to {@code case-events-dlq} at once.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

    @Inject
    CaseLedger ledger;

    @ConfigProperty(name = "homeward.consumer.attempts", defaultValue = "5")
    int attempts;

    @ConfigProperty(name = "homeward.consumer.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    private RetryInPlace retry;

    @PostConstruct
    void init() {
        retry = new RetryInPlace(attempts, maxBackoff);
    }

    @Incoming("case-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        CloudEvent<CaseEventData> event;
        try {
            event = EventCodec.decodeCaseEvent(record.value());
        } catch (MalformedEventException e) {
            LOG.errorf("Record %s-%d@%d is not a case event (%s); dead-lettered", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            throw e;
        }
        retry.run("Event " + event.id() + " of case " + event.subject(), () -> ledger.take(event));
    }
}
