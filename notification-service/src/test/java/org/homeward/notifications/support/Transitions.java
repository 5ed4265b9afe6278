package org.homeward.notifications.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.events.ReasonCode;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;

/** Case transitions as the case service publishes them, sent straight to the real Kafka of the test stack. */
public final class Transitions {

    private static KafkaProducer<String, byte[]> producer;

    private Transitions() {
    }

    public static CaseTransition of(UUID caseId, EventType type, Urgency urgency, Alert... alerts) {
        return of(caseId, Category.NORTH_KOREAN_POW, type, urgency, null, alerts);
    }

    /** A transition reported and visible to {@link Advocates#organisation()} (the shared one unless isolated). */
    public static CaseTransition of(UUID caseId, Category category, EventType type, Urgency urgency, ReasonCode reason,
            Alert... alerts) {
        return new CaseTransition(UUID.randomUUID(), caseId, UUID.randomUUID(), type, category,
                TransitionStatus.APPLIED, CaseState.IN_CUSTODY, CaseState.INTENT_STATED, reason, urgency,
                List.of(alerts), 3, Instant.parse("2025-10-28T00:00:00Z"), Instant.parse("2025-11-12T08:00:00Z"),
                Instant.now(), Advocates.organisation(), List.of(Advocates.organisation()));
    }

    /** The same transition, visible to exactly these organisations (none: to no one). */
    public static CaseTransition visibleTo(CaseTransition t, String... organisations) {
        return new CaseTransition(t.transitionId(), t.caseId(), t.eventId(), t.eventType(), t.category(), t.status(),
                t.fromState(), t.toState(), t.reason(), t.urgency(), t.alerts(), t.caseVersion(), t.occurredAt(),
                t.receivedAt(), t.recordedAt(), t.reportedBy(), List.of(organisations));
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public static void publish(CaseTransition transition) {
        publish(transition, null);
    }

    /** Publishes with a W3C {@code traceparent} header (none when null), as the case service's relay does. */
    public static void publish(CaseTransition transition, String traceparent) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CASE_TRANSITIONS,
                    transition.caseId().toString(),
                    EventCodec.encode(CloudEvent.transition(transition, "urn:homeward:test")));
            if (traceparent != null) {
                record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
            }
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The wire form of a transition (its CloudEvent as a JSON tree), for a test to put into it what a newer case
     * service could send: values of enumerations this version does not know, fields it does not have.
     */
    public static ObjectNode wire(CaseTransition transition) {
        return EventCodec.mapper().valueToTree(CloudEvent.transition(transition, "urn:homeward:test"));
    }

    /** Publishes a record as it is, keyed by the case id, and waits for the broker's acknowledgement. */
    public static void publishRaw(UUID caseId, ObjectNode json) {
        try {
            producer().send(new ProducerRecord<>(Topics.CASE_TRANSITIONS, caseId.toString(),
                    json.toString().getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", HomewardTestStack.kafkaBootstrapServers(),
                    "acks", "all"), new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
