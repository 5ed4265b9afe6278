package org.homeward.notifications.routing.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.events.EventCodec;
import org.homeward.notifications.routing.domain.NotificationRouter;
import org.homeward.support.messaging.InOrderHandler;

/** Consumes {@code case-transitions} in order; retries in place; dead-letters records that are not transitions. */
@ApplicationScoped
public class TransitionConsumer {

    @Inject
    NotificationRouter router;

    @Inject
    InOrderHandler handler;

    @Incoming("case-transitions")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> record) {
        return handler.handle(record, EventCodec::decodeTransition, router::route);
    }
}
