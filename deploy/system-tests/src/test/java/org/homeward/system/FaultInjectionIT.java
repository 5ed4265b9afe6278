package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into the whole running system while partners report: PostgreSQL stopped, and separately paused
 * (SIGSTOP: it neither answers nor refuses) for 90 s; the broker restarted; each service killed with SIGKILL mid-way.
 * Each test asserts exact counts afterwards: every accepted event applied once, in order (the case service), and every
 * transition delivered once to a webhook subscription (counted by webhook-id and by transition id).
 */
class FaultInjectionIT {

    private static final String ORG = "fault-org";
    private static final Duration OUTAGE = Duration.ofSeconds(90);
    /** The bound within which every request is answered while a dependency hangs (docs/reliability.md), with slack. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(12);
    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static LocalSystem system;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "fault-system")), System.out);
        receiver = new WebhookReceiver();
        given().baseUri(system.baseUrl(HomewardService.NOTIFICATION).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token(ORG, "advocate-1", "advocate"))
                .body("{\"channel\": \"WEBHOOK\", \"target\": \"" + receiver.url() + "\", \"minUrgency\": \"LOW\"}")
                .post("/api/v1/subscriptions").then().statusCode(201);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void postgresPausedFor90SecondsUnderLoad() throws Exception {
        underLoad("SOUTH_KOREAN_POW", () -> {
            system.pausePostgres();
            try {
                assertBoundedAnswers();
                staysUnready(HomewardService.INTAKE, OUTAGE);
            } finally {
                system.resumePostgres();
            }
        });
    }

    @Test
    void postgresStoppedFor90SecondsUnderLoad() throws Exception {
        underLoad("WAR_ABDUCTEE", () -> {
            system.stopPostgres();
            try {
                assertBoundedAnswers();
                staysUnready(HomewardService.INTAKE, OUTAGE);
            } finally {
                system.startPostgres();
            }
        });
    }

    @Test
    void theBrokerRestartedUnderIntakeTheConsumersAndTheRelay() throws Exception {
        underLoad("POSTWAR_ABDUCTEE", () -> {
            system.interruptKafka();
            try {
                await().atMost(ANSWER_BOUND).until(() -> !ready(HomewardService.INTAKE));
                staysUnready(HomewardService.INTAKE, Duration.ofSeconds(30));
            } finally {
                system.resumeKafka();
            }
        });
    }

    @Test
    void intakeKilledMidStreamPartnersRetryWithTheirKeys() throws Exception {
        underLoad("DETAINEE", () -> restart(HomewardService.INTAKE));
    }

    @Test
    void notificationServiceKilledMidDelivery() throws Exception {
        underLoad("NORTH_KOREAN_POW", () -> restart(HomewardService.NOTIFICATION));
    }

    @Test
    void caseServiceKilledMidRelay() throws Exception {
        underLoad("DEFECTOR", () -> restart(HomewardService.CASE));
    }

    /**
     * A poison event (its timeline row refused by the database, as a constraint or a bug would refuse it) holds its
     * case: the later events wait, other cases go on, the CRITICAL hold reaches the webhook once; the release after
     * the fix applies every held event once, in order, and each is notified once.
     */
    @Test
    void aPoisonEventHoldsItsCaseUntilReleasedAfterTheFix() throws Exception {
        String caseId = openCase("최독성", "Pyongyang");
        await().atMost(CATCH_UP).until(() -> receiver.bodies(caseId).size() == 1);
        try (Connection db = casesDatabase()) {
            injectFault(db, "NOTE_ADDED");
            List<String> events = new ArrayList<>();
            for (String body : List.of(
                    "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"heldBy\": \"North Korea\"}",
                    "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-11T00:00:00Z\", \"text\": \"poison\"}",
                    "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-01-12T00:00:00Z\", "
                            + "\"receivedOn\": \"2025-01-12\"}")) {
                events.add(intake().header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                        .post("/api/v1/cases/{id}/events", caseId).then().statusCode(202).extract()
                        .<String>path("eventId"));
            }
            await().atMost(CATCH_UP).untilAsserted(() -> admin().get("/api/v1/operations/holds/{id}", caseId)
                    .then().statusCode(200).body("eventId", equalTo(events.get(1))).body("heldEvents", equalTo(2)));
            // The hold reached the organisation's webhook once, CRITICAL; the letter waits.
            await().atMost(CATCH_UP).until(() -> receiver.bodies(caseId).size() == 3);
            assertEquals(List.of("APPLIED", "APPLIED", "HELD"), field(caseId, "data.status"));
            assertEquals("CRITICAL", field(caseId, "data.urgency").get(2));

            admin().post("/api/v1/operations/holds/{id}/release", caseId).then().statusCode(409);
            removeFault(db);
            admin().post("/api/v1/operations/holds/{id}/release", caseId).then().statusCode(200)
                    .body("applied", equalTo(2));
            admin().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then()
                    .statusCode(200).body("items.type", contains("CASE_OPENED", "CAPTURED", "NOTE_ADDED",
                            "LETTER_RECEIVED")).body("items.status", everyItem(equalTo("APPLIED")));
            await().atMost(CATCH_UP).until(() -> receiver.bodies(caseId).size() == 5);
            // A late duplicate would arrive now: the count holds for 3 s.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.bodies(caseId).size() == 5);
            assertEquals(List.of("APPLIED", "APPLIED", "HELD", "APPLIED", "APPLIED"), field(caseId, "data.status"));
            assertEquals(List.of(events.get(1), events.get(2)), field(caseId, "data.eventId").subList(3, 5));
        } finally {
            try (Connection db = casesDatabase()) {
                removeFault(db);
            }
        }
    }

    /**
     * Values a reader does not know: an event type the case service does not know holds its case (never dead-lettered,
     * never skipped); an alert the notification service does not know is left out of the webhook, which still goes.
     */
    @Test
    void unknownEventTypesHoldTheCaseAndUnknownAlertsAreIgnored() throws Exception {
        String caseId = openCase("한미지", "Hamhung");
        await().atMost(CATCH_UP).until(() -> receiver.bodies(caseId).size() == 1);
        String newer = UUID.randomUUID().toString();
        String transition = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                system.infrastructure().kafkaBootstrapServers(), "acks", "all"), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("case-events", caseId, """
                    {"specversion":"1.0","id":"%s","source":"urn:homeward:intake",
                     "type":"org.homeward.case.moved-by-boat.v1","subject":"%s","time":"2026-01-01T00:00:00Z",
                     "receivedat":"2026-01-01T00:00:01Z","reportedby":"%s","data":{"boat":"unknown"}}"""
                    .formatted(newer, caseId, ORG))).get();
            producer.send(new ProducerRecord<>("case-transitions", caseId, """
                    {"specversion":"1.0","id":"%s","source":"urn:homeward:case-service",
                     "type":"org.homeward.case.transition.v1","subject":"%s","time":"2026-01-02T00:00:00Z",
                     "data":{"transitionId":"%s","caseId":"%s","eventId":"%s","eventType":"NOTE_ADDED",
                      "category":"DETAINEE","status":"APPLIED","fromState":"REPORTED","toState":"REPORTED",
                      "urgency":"HIGH","alerts":["A_NEWER_ALERT"],"caseVersion":1,
                      "occurredAt":"2026-01-02T00:00:00Z","receivedAt":"2026-01-02T00:00:00Z",
                      "recordedAt":"2026-01-02T00:00:00Z","reportedBy":"%s","visibleTo":["%s"]}}"""
                    .formatted(transition, caseId, transition, caseId, UUID.randomUUID(), ORG, ORG))).get();
        }
        await().atMost(CATCH_UP).untilAsserted(() -> admin().get("/api/v1/operations/holds/{id}", caseId).then()
                .statusCode(200).body("eventId", equalTo(newer))
                .body("reason", containsString("not known to this version")));
        await().atMost(CATCH_UP).until(() -> receiver.bodies(caseId).size() == 3);
        List<String> alerts = receiver.bodies(caseId).stream()
                .map(h -> JsonPath.from(h.body()).getList("data.alerts", String.class))
                .filter(java.util.Objects::nonNull).flatMap(List::stream).toList();
        assertTrue(alerts.contains("CASE_ON_HOLD"), "the hold was notified: " + alerts);
        assertFalse(alerts.contains("A_NEWER_ALERT"), "an unknown alert is left out: " + alerts);
    }

    private static String openCase(String hangulName, String place) {
        return intake().header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "DETAINEE",
                 "person": {"hangulName": "%s", "birthYear": 1985}, "placeTaken": "%s"}""".formatted(hangulName, place))
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
    }

    /** One field of every webhook about a case, in the order they arrived. */
    private static List<String> field(String caseId, String path) {
        return receiver.bodies(caseId).stream().map(h -> JsonPath.from(h.body()).getString(path)).toList();
    }

    private static RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token(ORG, "caseworker-1", "reporter"));
    }

    private static RequestSpecification admin() {
        return given().baseUri(system.baseUrl(HomewardService.CASE).toString()).auth()
                .oauth2(system.token(ORG, "admin-1", "admin", "caseworker"));
    }

    private static Connection casesDatabase() throws SQLException {
        return DriverManager.getConnection(system.infrastructure().jdbcUrl("cases"),
                system.infrastructure().databaseUser(), system.infrastructure().databasePassword());
    }

    /** Makes the database refuse every timeline row of this event type from now on (a fault, not a rule). */
    private static void injectFault(Connection db, String type) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("""
                    create or replace function refuse_injected_fault() returns trigger language plpgsql as $$
                    begin
                        raise exception 'injected fault';
                    end $$""");
            sql.execute("drop trigger if exists refuse_injected_fault on timeline_entries");
            sql.execute("create trigger refuse_injected_fault before insert on timeline_entries for each row "
                    + "when (new.type = '" + type + "') execute function refuse_injected_fault()");
        }
    }

    private static void removeFault(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("drop trigger if exists refuse_injected_fault on timeline_entries");
        }
    }

    private interface Fault {
        void inject() throws Exception;
    }

    /** 40 cases of 8 events from 4 partners, the fault injected once a quarter is accepted; then exact counts. */
    private void underLoad(String category, Fault fault) throws Exception {
        PartnerStream stream = new PartnerStream(system, ORG, category, 40)
                .start(4, Duration.ofMillis(20), Integer.MAX_VALUE, null);
        await().atMost(Duration.ofMinutes(3)).until(() -> stream.posted() >= stream.events() / 4);
        fault.inject();
        List<String> caseIds = stream.finish();
        stream.assertEveryEventAppliedOnceInOrder(CATCH_UP);
        System.out.printf("%s: %d events accepted (%d retried requests), every one applied once in order%n",
                category, stream.events(), stream.retries());

        // Every transition reached the webhook under one webhook-id, eight per case. An attempt whose outcome a kill
        // left unknown is sent again with the same id (a copy a receiver that keeps ids drops); never a second id.
        int expected = caseIds.size() * PartnerStream.STORY_TYPES.size();
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertEquals(expected,
                caseIds.stream().mapToInt(id -> webhookIds(receiver.bodies(id)).size()).sum()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)) // a late second id would arrive now
                .until(() -> caseIds.stream().mapToInt(id -> webhookIds(receiver.bodies(id)).size()).sum() == expected);
        int copies = 0;
        for (String caseId : caseIds) {
            List<WebhookReceiver.Received> hooks = receiver.bodies(caseId);
            Map<String, Set<String>> idsPerTransition = new HashMap<>();
            Map<String, Set<String>> transitionsPerId = new HashMap<>();
            hooks.forEach(h -> {
                String eventId = JsonPath.from(h.body()).getString("data.eventId");
                idsPerTransition.computeIfAbsent(eventId, k -> new java.util.HashSet<>()).add(h.id());
                transitionsPerId.computeIfAbsent(h.id(), k -> new java.util.HashSet<>()).add(eventId);
            });
            assertEquals(PartnerStream.STORY_TYPES.size(), idsPerTransition.size(), "every event's transition: "
                    + caseId);
            assertTrue(idsPerTransition.values().stream().allMatch(ids -> ids.size() == 1),
                    "each transition under one webhook-id: " + caseId + " " + idsPerTransition);
            assertTrue(transitionsPerId.values().stream().allMatch(events -> events.size() == 1),
                    "each webhook-id about one transition: " + caseId);
            copies += hooks.size() - transitionsPerId.size();
        }
        System.out.printf("%s: %d webhook-ids for %d transitions, %d copies of an id already received%n", category,
                expected, expected, copies);
    }

    private static Set<String> webhookIds(List<WebhookReceiver.Received> hooks) {
        return hooks.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet());
    }

    /**
     * Keeps the fault for {@code outage}, asserting once a second meanwhile that the service says it is not ready; a
     * readiness answer of UP fails at once with what the service reported, with the time into the outage.
     */
    private static void staysUnready(HomewardService service, Duration outage) {
        long start = System.nanoTime();
        await().during(outage).atMost(outage.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .failFast(service + " said it was ready during the outage", () -> {
                    Response health = readiness(service);
                    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                    assertTrue(health.statusCode() != 200, () -> service + " said it was ready " + seconds
                            + " s into the outage: " + health.asString());
                })
                .until(() -> true);
    }

    private static boolean ready(HomewardService service) {
        return readiness(service).statusCode() == 200;
    }

    /** The readiness answer, asked with a bound: a probe that hangs fails the test rather than stalling it. */
    private static Response readiness(HomewardService service) {
        RestAssuredConfig bounded = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) ANSWER_BOUND.toMillis()));
        return given().config(bounded).baseUri(system.baseUrl(service).toString()).get("/q/health/ready");
    }

    private static void restart(HomewardService service) throws Exception {
        int port = system.baseUrl(service).getPort();
        system.killService(service);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.homeward.stack.Ports.isFree(port)); // gone for good
        system.startService(service);
        system.awaitReady(service);
    }

    /**
     * While a dependency is away, every service answers within the bound: 503 with Retry-After and a problem
     * document, never a hang or a 500; readiness is DOWN and liveness UP.
     */
    private static void assertBoundedAnswers() {
        RestAssuredConfig bounded = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) Duration.ofSeconds(30).toMillis()));
        String caseId = UUID.randomUUID().toString();
        Map<HomewardService, java.util.function.Function<io.restassured.specification.RequestSpecification,
                Response>> calls = Map.of(
                HomewardService.INTAKE, r -> r.contentType(ContentType.JSON).header("Idempotency-Key", caseId)
                        .body("{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-11-13T00:00:00Z\", \"text\": \"x\"}")
                        .post("/api/v1/cases/{id}/events", caseId),
                HomewardService.CASE, r -> r.get("/api/v1/cases/{id}", caseId),
                HomewardService.NOTIFICATION, r -> r.get("/api/v1/notifications"));
        for (var call : calls.entrySet()) {
            String base = system.baseUrl(call.getKey()).toString();
            // Readiness goes DOWN within the bound.
            await().atMost(ANSWER_BOUND).pollInterval(Duration.ofMillis(500)).until(() -> given().config(bounded)
                    .baseUri(base).get("/q/health/ready").statusCode() == 503);
            given().config(bounded).baseUri(base).get("/q/health/live").then().statusCode(200);
            long started = System.nanoTime();
            Response answer = call.getValue().apply(given().config(bounded).baseUri(base).auth()
                    .oauth2(system.token(ORG, "advocate-1", "advocate", "reporter", "caseworker")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(ANSWER_BOUND) <= 0, call.getKey() + " answered after " + took);
            assertEquals(503, answer.statusCode(), call.getKey() + ": " + answer.asString());
            assertNotNull(answer.header("Retry-After"), call.getKey() + " says when to retry");
            assertEquals("application/problem+json", answer.contentType().split(";")[0]);
        }
    }
}
