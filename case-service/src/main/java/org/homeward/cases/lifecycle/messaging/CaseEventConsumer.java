package org.homeward.cases.lifecycle.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.cases.holds.domain.CaseHolds;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.events.EventCodec;
import org.homeward.support.messaging.InOrderHandler;

/**
 * Consumes {@code case-events} one record at a time, in order (per partition, so per person). Offsets are committed
 * only after the record's transaction committed; failures are retried in place; an event that cannot be applied for
 * good, or whose type this version does not know, puts its case on hold ({@link CaseHolds}); a record that is not a
 * case event goes to {@code case-events-dlq} at once ({@link InOrderHandler}).
 */
@ApplicationScoped
public class CaseEventConsumer {

    @Inject
    CaseLedger ledger;

    @Inject
    InOrderHandler handler;

    @Inject
    CaseHolds holds;

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> record) {
        return handler.handle(record, EventCodec::decodeCaseEvent, ledger::take, holds::keep);
    }
}
