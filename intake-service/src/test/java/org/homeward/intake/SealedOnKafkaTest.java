package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.CaseOpened;
import org.homeward.events.CloudEvent;
import org.homeward.events.ErasedEventException;
import org.homeward.events.ErasureReason;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.events.NoteAdded;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, points 1 and 2 on Kafka: what intake publishes on case-events shows nothing of the person (the data of
 * every record is sealed under the case's key; only the envelope reads), the key travels on case-keys wrapped by the
 * case-events key ring, and an erasure destroys the key (intake's copy, and a marker replaces it on case-keys), after
 * which the person's records no longer open, while the erasure itself still reads without any key.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SealedOnKafkaTest {

    private static final TopicProbe KEYS = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_KEYS);

    @AfterAll
    static void close() {
        KEYS.close();
    }

    /** A value no other test sends: a word of random letters. */
    private static String unique(String prefix) {
        Random random = new Random();
        StringBuilder word = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @Test
    void noRecordOfCaseEventsShowsThePersonAndIntakesKeysOpenThemAll() {
        String name = unique("Ri Q");
        String birthPlace = unique("Town");
        String placeTaken = unique("Oblast");
        String note = unique("met the lawyer in ");
        String letter = unique("wants to go to ");
        String destination = unique("Country");
        String caseId = Intake.partner().body("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"hangulName": "리광철", "romanizedNames": ["%s"], "birthYear": 2000, "sex": "MALE",
                            "placeOfOrigin": "%s"},
                 "placeTaken": "%s", "dateTaken": "2025-01-09"}""".formatted(name, birthPlace, placeTaken))
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        for (String event : List.of(
                "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-02-01T00:00:00Z\", \"text\": \"" + note + "\"}",
                "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-02-02T00:00:00Z\", \"receivedOn\": "
                        + "\"2025-02-02\", \"summary\": \"" + letter + "\"}",
                "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-02-03T00:00:00Z\", \"destination\": \""
                        + destination + "\", \"method\": \"LETTER\"}")) {
            Intake.partner().body(event).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202);
        }

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(60))
                .until(() -> Intake.events().records(caseId), r -> r.size() >= 4);
        for (ConsumerRecord<String, byte[]> record : records) {
            String wire = new String(record.value(), StandardCharsets.UTF_8);
            for (String value : List.of(name, "리광철", birthPlace, placeTaken, note, letter, destination)) {
                assertFalse(wire.contains(value), "in clear on case-events: " + value);
            }
            assertTrue(EventCodec.isSealed(record.value()));
            assertThrows(MalformedEventException.class, () -> EventCodec.decodeCaseEvent(record.value()),
                    "a reader without the case's key reads the envelope only");
        }
        // Intake's readers open every record with the case's key: what was sent, whole.
        List<CloudEvent<CaseEventData>> opened = records.stream().map(r -> Intake.decode(r.value())).toList();
        CaseOpened opening = (CaseOpened) opened.get(0).data();
        assertEquals(List.of(name), opening.person().romanizedNames());
        assertEquals(placeTaken, opening.placeTaken());
        assertEquals(new NoteAdded(note), opened.get(1).data());

        // The key is on case-keys, wrapped by the ring and bound to the case: no other case's key opens there.
        CaseKeyRecord key = CaseKeyRecord.decode(await().atMost(Duration.ofSeconds(60))
                .until(() -> KEYS.records(caseId), r -> !r.isEmpty()).get(0).value());
        assertEquals(UUID.fromString(caseId), key.caseId());
        assertTrue(key.wrapped().startsWith("enc:v1:local-events-1:"), key.wrapped());
        assertFalse(key.isDestroyed());
    }

    @Test
    void anErasureDestroysTheKeyAndThePersonsRecordsNoLongerOpen() throws Exception {
        String caseId = Intake.openCase();
        Intake.partner().body(Intake.CAPTURED).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202);
        List<ConsumerRecord<String, byte[]>> before = await().atMost(Duration.ofSeconds(60))
                .until(() -> Intake.events().records(caseId), r -> r.size() >= 2);
        assertEquals(2, before.stream().map(r -> Intake.decode(r.value())).count());

        Intake.as(Intake.ORG, "admin-1").auth().oauth2(HomewardTestStack.token(Intake.ORG, "admin-1", "admin"))
                .body("{\"reason\": \"CONSENT_WITHDRAWN\"}").post("/api/v1/cases/{id}/erasure", caseId)
                .then().statusCode(202);

        // Once intake read the erasure back: a marker replaces the key on case-keys ...
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<ConsumerRecord<String, byte[]>> keys = KEYS.records(caseId);
            return !keys.isEmpty() && CaseKeyRecord.decode(keys.get(keys.size() - 1).value()).isDestroyed();
        });
        // ... intake's copy is gone ...
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement select = db.prepareStatement(
                        "select wrapped, destroyed_at is not null from case_keys where case_id = ?")) {
            select.setObject(1, UUID.fromString(caseId));
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
                assertTrue(rs.getBoolean(2));
            }
        }
        // ... so the person's records no longer open, and the erasure, in clear, still reads without a key.
        for (ConsumerRecord<String, byte[]> record : before) {
            assertThrows(ErasedEventException.class, () -> Intake.decode(record.value()));
        }
        List<ConsumerRecord<String, byte[]>> after = await().atMost(Duration.ofSeconds(60))
                .until(() -> Intake.events().records(caseId), r -> r.size() >= 3);
        CloudEvent<CaseEventData> erasure = EventCodec.decodeCaseEvent(after.get(2).value());
        assertEquals(new CaseErased(ErasureReason.CONSENT_WITHDRAWN), erasure.data());
    }
}
