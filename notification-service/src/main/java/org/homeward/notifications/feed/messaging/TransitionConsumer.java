package org.homeward.notifications.feed.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.CaseTransition;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.notifications.feed.domain.NotificationRecorder;
import org.homeward.support.messaging.RetryInPlace;
import org.jboss.logging.Logger;

/** Consumes {@code case-transitions} in order; retries in place; dead-letters records that are not transitions. */
@ApplicationScoped
public class TransitionConsumer {

    private static final Logger LOG = Logger.getLogger(TransitionConsumer.class);

    @Inject
    NotificationRecorder recorder;

    @ConfigProperty(name = "homeward.consumer.attempts", defaultValue = "5")
    int attempts;

    @ConfigProperty(name = "homeward.consumer.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    private RetryInPlace retry;

    @PostConstruct
    void init() {
        retry = new RetryInPlace(attempts, maxBackoff);
    }

    @Incoming("case-transitions")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        CloudEvent<CaseTransition> message;
        try {
            message = EventCodec.decodeTransition(record.value());
        } catch (MalformedEventException e) {
            LOG.errorf("Record %s-%d@%d is not a transition (%s); dead-lettered", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            throw e;
        }
        retry.run("Transition " + message.id() + " of case " + message.subject(), () -> recorder.record(message));
    }
}
