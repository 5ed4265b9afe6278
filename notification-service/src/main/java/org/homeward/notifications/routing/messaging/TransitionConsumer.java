package org.homeward.notifications.routing.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventCodec;
import org.homeward.notifications.routing.domain.NotificationRouter;
import org.homeward.support.messaging.InOrderHandler;

/**
 * Consumes {@code case-transitions} in batches (a poll), in order per partition: a batch is routed in one transaction
 * ({@link NotificationRouter#routeAll}), one record at a time when that fails; retries in place; dead-letters records
 * that are not transitions ({@link InOrderHandler}).
 */
@ApplicationScoped
public class TransitionConsumer {

    @Inject
    NotificationRouter router;

    @Inject
    InOrderHandler handler;

    @Incoming("case-transitions")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        return handler.handleBatch(records, EventCodec::decodeTransition, router::routeAll, router::route, null);
    }
}
