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
 * Reads {@code case-events} with a consumer group of its own ({@code intake-service-event-registry}) and records every
 * event in the event registry, so that intake can judge a retraction before publishing it. Its own group, read from
 * the earliest offset, makes a deployment that adds the registry learn every event published before it.
 */
@ApplicationScoped
public class EventRegistryConsumer {

    @Inject
    CaseRegistry registry;

    @Inject
    InOrderHandler handler;

    @Inject
    CaseEventKeys caseKeys;

    @Incoming("event-registry")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        // A poll's records together in one transaction; one at a time if that fails (InOrderHandler).
        return handler.handleBatch(records, value -> EventCodec.decodeCaseEvent(value, caseKeys::of), registry::learnEvents, registry::learnEvent, null);
    }
}
