package org.homeward.cases.lifecycle.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.cases.holds.domain.CaseHolds;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.cases.protection.persistence.EventKeys;
import org.homeward.events.EventCodec;
import org.homeward.support.messaging.InOrderHandler;

/**
 * Consumes {@code case-events} in batches (a poll: at most {@code max.poll.records}), in order per partition, so per
 * person: a batch is applied in one transaction ({@link CaseLedger#takeAll}); when that fails, one record at a time.
 * Offsets are committed only after the records' transaction committed; failures are retried in place; an event that
 * cannot be applied for good, or whose type this version does not know, puts its case on hold ({@link CaseHolds}); a
 * record that is not a case event goes to {@code case-events-dlq} at once ({@link InOrderHandler}).
 */
@ApplicationScoped
public class CaseEventConsumer {

    @Inject
    EventKeys eventKeys;

    @Inject
    CaseLedger ledger;

    @Inject
    InOrderHandler handler;

    @Inject
    CaseHolds holds;

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        return handler.handleBatch(records, value -> EventCodec.decodeCaseEvent(value, eventKeys::of), ledger::takeAll, ledger::take, holds::keep);
    }
}
