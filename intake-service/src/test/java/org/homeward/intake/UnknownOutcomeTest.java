package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * When intake cannot know whether Kafka stored an event (the record left, no acknowledgement came), it says so
 * ({@code 503 outcome-unknown}, retry with the same Idempotency-Key), and the retry with the key leaves the event in
 * case-events exactly once: found there and answered with its ids when the first attempt was stored, published when it
 * was not. Against the real broker, frozen (paused) or stopped under intake.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class UnknownOutcomeTest {

    static final String OUTCOME_UNKNOWN = "https://homeward.org/problems/outcome-unknown";
    static final String NOTE = "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"%s\"}";

    /**
     * The lost acknowledgement: the broker freezes while the event is on its way (connections open, nothing answers),
     * intake answers that the outcome is unknown, and once the broker continues it writes the request it held, whose
     * acknowledgement nobody waits for any more. The retry with the key finds the event and publishes nothing; a second
     * retry answers the same ids from the stored key.
     */
    @Test
    void aRetryWithTheSameKeyFindsAnEventKafkaStoredWithoutAnAcknowledgement() throws Exception {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        String key = Intake.newKey();
        String body = NOTE.formatted("stored without an acknowledgement");

        HomewardTestStack.pauseKafka();
        try {
            assertOutcomeUnknown(caseId, key, body);
        } finally {
            HomewardTestStack.resumeKafka();
        }
        Map<String, Object> attempt = unsettled(key);
        assertEquals(caseId, attempt.get("case_id").toString(), "the attempt is recorded for its retry");
        String eventId = attempt.get("event_id").toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> occurrences(eventId) == 1); // written, never acknowledged
        awaitReady();

        partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).body("caseId", equalTo(caseId)).body("eventId", equalTo(eventId));
        partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).body("eventId", equalTo(eventId));

        assertEquals(1, occurrences(eventId), "the event is in case-events once: the retries published nothing");
        assertTrue(unsettledKeys(key).isEmpty(), "settled");
    }

    /**
     * The broker freezes with the event on its way and then stops, dropping what it held: the event is not in Kafka.
     * The retry with the key publishes it, once.
     */
    @Test
    void aRetryWithTheSameKeyPublishesAnEventKafkaDidNotStore() throws Exception {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        String key = Intake.newKey();
        String body = NOTE.formatted("never stored");

        HomewardTestStack.pauseKafka();
        try {
            assertOutcomeUnknown(caseId, key, body);
            HomewardTestStack.interruptKafka();
        } finally {
            HomewardTestStack.resumeKafka();
        }
        awaitReady();
        String eventId = unsettled(key).get("event_id").toString();
        assertEquals(0, occurrences(eventId));

        partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).body("eventId", equalTo(eventId));
        assertEquals(1, occurrences(eventId));
        assertTrue(unsettledKeys(key).isEmpty(), "settled");
    }

    /**
     * Without a key, the answer says the outcome is unknown and that a resend may store the event twice. Readiness is
     * DOWN while the broker is frozen (asked with a 2 s bound), liveness UP.
     */
    @Test
    void withoutAKeyTheAnswerWarnsThatAResendMayStoreTheEventTwice() {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        HomewardTestStack.pauseKafka();
        try {
            partner().body(NOTE.formatted("no key")).when().post("/api/v1/cases/{id}/events", caseId)
                    .then().statusCode(503).header("Retry-After", "5").body("type", equalTo(OUTCOME_UNKNOWN))
                    .body("detail", containsString("no Idempotency-Key"));
            long start = System.nanoTime();
            RestAssured.given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(KafkaOutageTest.BOUND) < 0,
                    "readiness answered within the bound");
            RestAssured.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            HomewardTestStack.resumeKafka();
        }
        awaitReady();
    }

    /**
     * Partners sending keyed events from several threads while the broker stops (or freezes) mid-stream and comes
     * back: each partner retries every answer but 202 with the same key until it is accepted. Every event ends in
     * case-events exactly once, whatever each attempt's fate was (acknowledged, refused, written without an
     * acknowledgement).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "broker {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"stopped", "frozen"})
    void keyedRetriesThroughABrokerOutageLeaveEveryEventOnceInKafka(String fault) throws Exception {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        int partners = 4;
        int perPartner = 10;
        AtomicInteger accepted = new AtomicInteger();
        Map<String, Integer> answers = Collections.synchronizedMap(new HashMap<>());
        List<String> eventIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(partners);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < partners; p++) {
                int partner = p;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perPartner; i++) {
                        String key = "stream-" + partner + "-" + i + "-" + UUID.randomUUID();
                        String body = NOTE.formatted("partner " + partner + " note " + i);
                        eventIds.add(await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                                .until(() -> {
                                    Response answer = partner().header("Idempotency-Key", key).body(body)
                                            .when().post("/api/v1/cases/{id}/events", caseId);
                                    String type = answer.statusCode() == 202 ? "accepted"
                                            : answer.jsonPath().getString("type");
                                    answers.merge(type, 1, Integer::sum);
                                    return answer.statusCode() == 202 ? answer.jsonPath().getString("eventId") : null;
                                }, id -> id != null));
                        accepted.incrementAndGet();
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 8);
            if (fault.equals("stopped")) {
                HomewardTestStack.interruptKafka();
            } else {
                HomewardTestStack.pauseKafka();
            }
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> answers.keySet().stream()
                        .anyMatch(type -> type != null && !type.equals("accepted")));
            } finally {
                HomewardTestStack.resumeKafka();
            }
            for (Future<?> partner : running) {
                partner.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(partners * perPartner, eventIds.size());
        assertEquals(partners * perPartner, eventIds.stream().distinct().count());
        for (String eventId : eventIds) {
            assertEquals(1, occurrences(eventId), "event " + eventId + " once in case-events; answers " + answers);
        }
        assertEquals(1 + partners * perPartner, Intake.publishedFor(caseId), "nothing else; answers " + answers);
        assertFalse(answers.containsKey("https://homeward.org/problems/internal"), "no 500: " + answers);
    }

    /** Sends the keyed event to a frozen broker: 503 outcome-unknown within the publication's bound. */
    private static void assertOutcomeUnknown(String caseId, String key, String body) {
        long start = System.nanoTime();
        partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo(OUTCOME_UNKNOWN))
                .body("detail", containsString("same Idempotency-Key"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(KafkaOutageTest.BOUND) < 0, "answered within the bound, took " + took);
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> RestAssured.given().get("/q/health/ready")
                .then().statusCode(200));
    }

    private static long occurrences(String eventId) {
        return Intake.everything().stream().filter(e -> e.id().toString().equals(eventId)).count();
    }

    private static Map<String, Object> unsettled(String key) throws Exception {
        List<Map<String, Object>> rows = unsettledKeys(key);
        assertEquals(1, rows.size(), "one unsettled attempt for the key");
        return rows.get(0);
    }

    private static List<Map<String, Object>> unsettledKeys(String key) throws Exception {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement query = db.prepareStatement(
                        "select case_id, event_id from unsettled_publications where idempotency_key = ?")) {
            query.setString(1, key);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(Map.of("case_id", rs.getObject(1), "event_id", rs.getObject(2)));
                }
            }
            return rows;
        }
    }
}
