package org.homeward.intake.registry.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventCodec;
import org.homeward.intake.publishing.CaseEventKeys;
import org.homeward.intake.registry.domain.CaseRegistry;
import org.homeward.support.messaging.InOrderHandler;

/**
 * Reads {@code case-events} with intake's own consumer group ({@code intake-service-registry}) and registers every
 * opened case: the registry converges on what Kafka holds even when an opening's commit failed after the broker
 * acknowledged it, and a new deployment learns every case opened before it.
 */
@ApplicationScoped
public class CaseRegistryConsumer {

    @Inject
    CaseRegistry registry;

    @Inject
    InOrderHandler handler;

    @Inject
    CaseEventKeys caseKeys;

    @Incoming("case-registry")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        // A poll's records together in one transaction; one at a time if that fails (InOrderHandler).
        return handler.handleBatch(records, value -> EventCodec.decodeCaseEvent(value, caseKeys::of), registry::learnAll, registry::learn, null);
    }
}
