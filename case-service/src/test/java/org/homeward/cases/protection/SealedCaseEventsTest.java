package org.homeward.cases.protection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseKeyCipher;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.ErasureReason;
import org.homeward.events.EventCodec;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case service reads case-events whose data intake sealed under each case's key: it opens them with the key from
 * case-keys, waits for a key that is late rather than losing or dead-lettering its events, still reads records written
 * in clear before sealing, passes over the records of a case whose key was destroyed (neither held nor
 * dead-lettered), and destroys its copy of the key when it applies the case's erasure.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class SealedCaseEventsTest {

    private static CaseEventsOnKafka kafka;
    private static TopicProbe deadLetters;

    @Inject
    CaseEventKeyRing ring;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
        deadLetters = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_EVENTS_DLQ);
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
        deadLetters.close();
    }

    private static CaseOpened opening(String name) {
        return new CaseOpened(Category.NORTH_KOREAN_POW, new Person(name, List.of("Kim Sealed"), 1990, null, null),
                null, LocalDate.of(2025, 1, 9));
    }

    /** A record as intake writes it, sealed under {@code key}, which this does not publish. */
    private static byte[] sealed(UUID caseId, SecretKey key, CaseEventData data) {
        return EventCodec.encodeSealed(CloudEvent.caseEvent(UUID.randomUUID(), caseId, "urn:homeward:test",
                Instant.parse("2025-01-09T06:00:00Z"), Instant.now(), Callers.ORGANISATION, "tester", data), key);
    }

    @Test
    void anEventReadBeforeItsKeyWaitsForTheKeyAndIsThenApplied() {
        UUID caseId = UUID.randomUUID();
        SecretKey key = CaseKeyCipher.newKey();
        kafka.publishRaw(caseId, sealed(caseId, key, opening("김봉인")));
        // Not applied without its key (nor dead-lettered, nor lost): it waits ...
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/api/v1/cases/{id}", caseId).then().statusCode(404));

        kafka.publishKey(CaseKeyRecord.key(caseId, ring.wrap(caseId, key)));

        // ... and is applied, opened, once the key arrived.
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given().get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).body("person.hangulName", equalTo("김봉인")));
        assertTrue(deadLetters.records(caseId.toString()).isEmpty());
    }

    @Test
    void aRecordInClearFromBeforeSealingStillApplies() {
        UUID caseId = UUID.randomUUID();
        kafka.publishInClear(caseId, opening("박평문"));
        kafka.publish(caseId, new NoteAdded("a sealed note after a clear opening"));

        CaseEventsOnKafka.awaitVersion(caseId, 1);
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("person.hangulName", equalTo("박평문"));
    }

    @Test
    void theRecordsOfACaseWhoseKeyWasDestroyedArePassedOverNotHeldNorDeadLettered() throws Exception {
        UUID caseId = kafka.open(Category.NORTH_KOREAN_POW, "이지움", List.of("Lee Erased"), 1980, null);
        SecretKey key = kafka.keyOf(caseId);
        kafka.publishKey(CaseKeyRecord.destroyed(caseId));
        await().atMost(CaseEventsOnKafka.WAIT).until(() -> "destroyed".equals(stored(caseId)));

        // Sealed under the destroyed key: nothing in it can be read; the consumer passes it over ...
        kafka.publishRaw(caseId, sealed(caseId, key, new NoteAdded("written before the erasure was read")));
        // ... and goes on to the erasure behind it, which travels in clear.
        kafka.publish(caseId, new CaseErased(ErasureReason.CONSENT_WITHDRAWN));
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() ->
                given().get("/api/v1/cases/{id}", caseId).then().statusCode(410));
        assertTrue(deadLetters.records(caseId.toString()).isEmpty(), "nothing dead-lettered");
        Callers.as(Callers.ORGANISATION, "admin-1", org.homeward.support.identity.Roles.ADMIN)
                .get("/api/v1/operations/holds/{id}", caseId).then().statusCode(404);
        // A late copy of the key on case-keys does not bring it back.
        kafka.publishKey(CaseKeyRecord.key(caseId, ring.wrap(caseId, key)));
        UUID probe = UUID.randomUUID();
        kafka.publishKey(CaseKeyRecord.key(probe, ring.wrap(probe, CaseKeyCipher.newKey())));
        await().atMost(CaseEventsOnKafka.WAIT).until(() -> "kept".equals(stored(probe)));
        assertEquals("destroyed", stored(caseId));
    }

    @Test
    void applyingTheErasureDestroysTheServicesCopyOfTheKey() throws Exception {
        UUID caseId = kafka.open(Category.NORTH_KOREAN_POW, "최삭제", List.of("Choe Gone"), 1985, null);
        assertEquals("kept", stored(caseId));

        kafka.publish(caseId, new CaseErased(ErasureReason.CONSENT_WITHDRAWN));

        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() ->
                given().get("/api/v1/cases/{id}", caseId).then().statusCode(410));
        assertEquals("destroyed", stored(caseId));
    }

    /** What event_keys holds for the case: "kept", "destroyed" or "absent". */
    private static String stored(UUID caseId) throws SQLException {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement select = db.prepareStatement(
                        "select wrapped, destroyed_at from event_keys where case_id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return "absent";
                }
                if (rs.getString(1) == null) {
                    assertFalse(rs.getTimestamp(2) == null);
                    return "destroyed";
                }
                assertNull(rs.getTimestamp(2));
                return "kept";
            }
        }
    }
}
