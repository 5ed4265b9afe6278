package org.homeward.intake.publishing;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.support.kafka.PublishFailedException;
import org.homeward.support.kafka.ReliableProducer;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;
import org.jboss.logging.Logger;

/**
 * Publishes accepted events to {@code case-events}, keyed by case id, and returns only once the broker acknowledged
 * them ({@code acks=all}). When Kafka does not acknowledge within the bound, callers get a 503 problem with
 * {@code Retry-After}.
 */
@ApplicationScoped
public class CaseEventPublisher {

    private static final Logger LOG = Logger.getLogger(CaseEventPublisher.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "homeward.intake.delivery-timeout", defaultValue = "PT3S")
    Duration deliveryTimeout;

    @ConfigProperty(name = "homeward.intake.retry-after-seconds", defaultValue = "5")
    int retryAfterSeconds;

    private ReliableProducer producer;

    @PostConstruct
    void start() {
        producer = new ReliableProducer(kafkaConfig, "intake-service", deliveryTimeout);
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    public void publish(CloudEvent<CaseEventData> event) {
        try {
            producer.send(Topics.CASE_EVENTS, event.subject(), EventCodec.encode(event));
        } catch (PublishFailedException e) {
            LOG.warnf("Event %s of case %s not acknowledged by Kafka: %s", event.id(), event.subject(),
                    e.getCause() == null ? "timeout" : e.getCause().getClass().getSimpleName());
            throw new ProblemException(Problem.of(ProblemType.BROKER_UNAVAILABLE,
                    "The event was not stored; nothing was published. Send it again after the Retry-After delay."),
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }
}
