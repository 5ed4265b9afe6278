package org.homeward.cases;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import io.quarkus.arc.Arc;
import javax.crypto.SecretKey;
import org.homeward.events.CaseKeyCipher;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.EventCodec;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;

/**
 * For component tests: publishes case events straight to Kafka, as intake does (each case's data sealed under a key
 * of the case, published first on case-keys; an erasure in clear), and awaits their effect via REST.
 */
public final class CaseEventsOnKafka implements AutoCloseable {

    /** Waits are long: several builds share the machine. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicProbe transitions;

    public CaseEventsOnKafka() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", HomewardTestStack.kafkaBootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        transitions = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_TRANSITIONS);
    }

    /** Opens a case and waits until the case service shows it; answers its id. */
    public UUID open(Category category, String hangulName, List<String> romanizedNames, Integer birthYear,
            LocalDate dateTaken) {
        UUID caseId = UUID.randomUUID();
        publish(caseId, new CaseOpened(category, new Person(hangulName, romanizedNames, birthYear, null, null), null,
                dateTaken));
        awaitVersion(caseId, 0);
        return caseId;
    }

    public UUID publish(UUID caseId, CaseEventData data) {
        return publish(caseId, data, Callers.ORGANISATION);
    }

    /** Publishes an event as reported by {@code organisation} (what intake takes from the reporter's token). */
    public UUID publish(UUID caseId, CaseEventData data, String organisation) {
        return publish(UUID.randomUUID(), caseId, data, organisation);
    }

    /** Publishes an event with this id: the same id again is a redelivery. */
    public UUID publish(UUID eventId, UUID caseId, CaseEventData data, String organisation) {
        return publish(eventId, caseId, data, organisation, Instant.parse("2025-01-09T06:00:00Z"));
    }

    /** Publishes an event that happened at {@code occurredAt}, reported by {@link Callers#ORGANISATION}. */
    public UUID publishAt(UUID caseId, CaseEventData data, Instant occurredAt) {
        return publish(UUID.randomUUID(), caseId, data, Callers.ORGANISATION, occurredAt);
    }

    /** Publishes an event with this id, reported by {@code organisation}, that happened at {@code occurredAt}. */
    public UUID publish(UUID eventId, UUID caseId, CaseEventData data, String organisation, Instant occurredAt) {
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(eventId, caseId, "urn:homeward:test",
                occurredAt, Instant.now(), organisation, "tester", data);
        byte[] record = EventCodec.travelsInClear(data) ? EventCodec.encode(event)
                : EventCodec.encodeSealed(event, keyOf(caseId));
        publishRaw(caseId, record);
        return eventId;
    }

    /** Publishes an event with its data in clear, as intake did before it sealed them. */
    public UUID publishInClear(UUID caseId, CaseEventData data) {
        UUID eventId = UUID.randomUUID();
        publishRaw(caseId, EventCodec.encode(CloudEvent.caseEvent(eventId, caseId, "urn:homeward:test",
                Instant.parse("2025-01-09T06:00:00Z"), Instant.now(), Callers.ORGANISATION, "tester", data)));
        return eventId;
    }

    private final Map<UUID, SecretKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /** The case's key, made and published on case-keys (acknowledged) the first time, as intake does. */
    public SecretKey keyOf(UUID caseId) {
        return keys.computeIfAbsent(caseId, id -> {
            SecretKey key = CaseKeyCipher.newKey();
            publishKey(CaseKeyRecord.key(id, Arc.container().instance(CaseEventKeyRing.class).get().wrap(id, key)));
            return key;
        });
    }

    /** Publishes a record of case-keys: a key, or the marker of its destruction. */
    public void publishKey(CaseKeyRecord record) {
        try {
            producer.send(new ProducerRecord<>(Topics.CASE_KEYS, record.caseId().toString(), record.encode())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a record as it is, keyed by the case: for records a newer or a broken writer could send. */
    public void publishRaw(UUID caseId, byte[] record) {
        try {
            producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(), record)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitVersion(UUID caseId, int version) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).body("version", equalTo(version)));
    }

    /** The transition announced for one event, once it is there. */
    public CaseTransition transitionOf(UUID caseId, UUID eventId) {
        return await().atMost(WAIT).until(() -> transitions.records(caseId.toString()).stream()
                .map(r -> EventCodec.decodeTransition(r.value()).data())
                .filter(t -> eventId.equals(t.eventId())).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** The transitions announced for a case, once there are at least {@code expected}. */
    public List<CaseTransition> transitionsOf(UUID caseId, int expected) {
        return await().atMost(WAIT).until(() -> transitions.records(caseId.toString()).stream()
                .map(r -> EventCodec.decodeTransition(r.value()).data()).toList(), t -> t.size() >= expected);
    }

    @Override
    public void close() {
        producer.close();
        transitions.close();
    }
}
