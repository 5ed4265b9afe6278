package org.homeward.cases.lifecycle.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * Consumes {@code case-events} one record at a time, in order (per partition, so per person). Offsets are committed
 * only after the record's transaction committed. Failures are retried in place: transient ones (database unreachable,
 * lock conflicts) until they pass, since skipping an event would apply a person's later events without it; others a
 * few times. Only then, and at once for a record that is not an event of the contract, the record goes to
 * {@code case-events-dlq} with the failure in its headers.
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
        Duration backoff = Duration.ofMillis(100);
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.take(event);
                return;
            } catch (RuntimeException e) {
                boolean transientFailure = Retries.isTransient(e);
                if (!transientFailure && attempt >= attempts) {
                    LOG.errorf("Event %s of case %s failed %d times; dead-lettered: %s", event.id(), event.subject(),
                            attempt, SafeLog.describe(e));
                    throw e;
                }
                LOG.warnf("Event %s of case %s failed (attempt %d, %s); retrying in %d ms", event.id(),
                        event.subject(), attempt, transientFailure ? "transient" : e.getClass().getSimpleName(),
                        backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }
}
