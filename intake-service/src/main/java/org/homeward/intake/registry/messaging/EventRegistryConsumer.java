package org.homeward.intake.registry.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.events.EventCodec;
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

    @Incoming("event-registry")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> record) {
        return handler.handle(record, EventCodec::decodeCaseEvent, registry::learnEvent);
    }
}
