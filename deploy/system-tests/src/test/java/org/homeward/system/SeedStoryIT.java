package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The story of the foundation issue, driven only through the three services' REST APIs, with the packaged services
 * running as separate processes against a real Kafka broker and a real PostgreSQL.
 *
 * <p>Two North Korean soldiers were captured by Ukraine on the Kursk front in January. A case is opened for one; he is
 * captured, writes a letter on 28 October through a defector organisation, states that he wants to go to South Korea,
 * and is transferred there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedStoryIT {

    /** Personal data the story sends; none of it may reach a log. */
    private static final List<String> PERSONAL_DATA = List.of("리광철", "Ri Gwang-cheol", "Gwang-cheol", "Kursk",
            "asks to be sent to South Korea", "doc-118", "the soldier", "Second soldier");

    private static final String ORG = "defector-org";
    private static LocalSystem system;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "system")), System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        receiver.close();
    }

    @Test
    @Order(1)
    void theSoldiersCaseEndsTransferredWithItsTimelineAndAlerts() throws Exception {
        // An advocate follows North Korean prisoners of war in the feed, by webhook and by e-mail.
        String advocate = "advocate-" + UUID.randomUUID();
        subscribe(advocate, "{\"channel\": \"FEED\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"LOW\"}");
        String secret = subscribe(advocate, "{\"channel\": \"WEBHOOK\", \"target\": \"" + receiver.url()
                + "\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"HIGH\"}").getString("secret");
        String mailbox = "advocate-" + UUID.randomUUID() + "@homeward.test";
        subscribe(advocate, "{\"channel\": \"EMAIL\", \"target\": \"" + mailbox
                + "\", \"eventTypes\": [\"TRANSFERRED\"], \"minUrgency\": \"HIGH\"}");
        int mailsBefore = system.mail().received();

        String caseId = intake().body("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
                 "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}""")
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");

        report(caseId, """
                {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "location": "Kursk front"}""");
        String letter = report(caseId, """
                {"type": "LETTER_RECEIVED", "occurredAt": "2025-10-28T00:00:00Z", "writer": "the soldier",
                 "via": "a defector organisation", "writtenOn": "2025-10-28", "receivedOn": "2025-11-12",
                 "language": "ko", "summary": "asks to be sent to South Korea", "documentRef": "doc-118"}""");
        report(caseId, """
                {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z", "destination": "South Korea",
                 "method": "LETTER", "evidenceEventId": "%s"}""".formatted(letter));
        String transfer = """
                {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "from": "Ukraine", "to": "South Korea"}""";
        String transferId = intake().header("Idempotency-Key", "transfer-" + caseId).body(transfer)
                .post("/api/v1/cases/{id}/events", caseId).then().statusCode(202).extract().path("eventId");
        // A partner's retry of the same event: same key, same event id, and nothing changes.
        String retryId = intake().header("Idempotency-Key", "transfer-" + caseId).body(transfer)
                .post("/api/v1/cases/{id}/events", caseId).then().statusCode(202).extract().path("eventId");
        assertEquals(transferId, retryId);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> cases().get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).body("state", equalTo("TRANSFERRED")));
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("category", equalTo("NORTH_KOREAN_POW"))
                .body("person.hangulName", equalTo("리광철"))
                .body("version", equalTo(4))
                .body("conflicts.size()", equalTo(0));
        cases().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.type", contains("CASE_OPENED", "CAPTURED", "LETTER_RECEIVED", "DEFECTION_INTENT_STATED",
                        "TRANSFERRED"))
                .body("items.status", contains("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED"))
                .body("items[2].writtenOn", equalTo("2025-10-28"))
                .body("items[2].via", equalTo("a defector organisation"))
                .body("items[4].eventId", equalTo(transferId))
                .body("items.reportedBy", contains(ORG, ORG, ORG, ORG, ORG));

        // The advocates see the high-urgency alerts for intent and transfer.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> notifications(advocate)
                .queryParam("caseId", caseId).queryParam("minUrgency", "HIGH")
                .get("/api/v1/notifications").then().statusCode(200)
                .body("items.type", contains("TRANSFERRED", "DEFECTION_INTENT_STATED", "CAPTURED"))
                .body("items.urgency", contains("HIGH", "HIGH", "HIGH")));
        notifications(advocate).queryParam("caseId", caseId).get("/api/v1/notifications").then()
                .body("total", equalTo(5));
        notifications("someone-else").queryParam("caseId", caseId).get("/api/v1/notifications").then()
                .body("total", equalTo(0));

        // Their system got the same three as signed webhooks, with no personal data in them ...
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodies(caseId).size() == 3);
        for (WebhookReceiver.Received hook : receiver.bodies(caseId)) {
            assertTrue(hook.signedWith(secret), "the webhook verifies with the subscription's secret");
            assertFalse(hook.body().contains("Gwang") || hook.body().contains("리광철")
                    || hook.body().contains("Kursk"), "no names or places in a webhook");
        }
        // ... and an e-mail about the transfer reached the local mail server.
        await().atMost(Duration.ofSeconds(60)).until(() -> system.mail().received() > mailsBefore);
    }

    @Test
    @Order(2)
    void anIllegalEventIsKeptRejectedWithItsReason() {
        String advocate = "advocate-" + UUID.randomUUID();
        subscribe(advocate, "{\"channel\": \"FEED\", \"categories\": [\"NORTH_KOREAN_POW\"]}");
        String caseId = intake().body("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"romanizedNames": ["Second soldier"]}, "placeTaken": "Kursk oblast, Russia"}""")
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        report(caseId, """
                {"type": "RESETTLED", "occurredAt": "2026-03-01T00:00:00Z", "place": "Seoul"}""");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> cases().get("/api/v1/cases/{id}/timeline", caseId)
                .then().statusCode(200).body("total", equalTo(2)));
        cases().get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items[1].type", equalTo("RESETTLED"))
                .body("items[1].status", equalTo("REJECTED"))
                .body("items[1].reason", containsString("not legal in state REPORTED"));
        cases().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("REPORTED"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> notifications(advocate)
                .queryParam("caseId", caseId).get("/api/v1/notifications").then()
                .body("items.status", hasItems("REJECTED"))
                .body("items.alerts.flatten()", hasItems("DATA_QUALITY")));
    }

    @Test
    @Order(3)
    void everyServiceIsHealthyAndDocumented() {
        for (HomewardService service : HomewardService.APIS) {
            given().baseUri(system.baseUrl(service).toString()).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri(system.baseUrl(service).toString()).get("/q/openapi?format=json").then().statusCode(200)
                    .body("openapi", org.hamcrest.Matchers.startsWith("3."));
            given().baseUri(system.baseUrl(service).toString()).get("/q/swagger-ui/").then().statusCode(200);
        }
    }

    /**
     * Runs last: the story has gone through every service, so their logs and PostgreSQL's hold whatever the system
     * logs. None of them may hold a name, a place or letter text (a search of the captured logs, as issue 6 asks).
     */
    @Test
    @Order(4)
    void noPersonalDataReachesAnyLog() throws IOException {
        Path logs = system.services().get(HomewardService.CASE).log().getParent();
        List<Path> files;
        try (Stream<Path> list = Files.list(logs)) {
            files = list.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        assertEquals(4, files.size(), "the three services' logs and PostgreSQL's: " + files);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertTrue(text.length() > 0, file + " is empty: nothing was searched");
            for (String personal : PERSONAL_DATA) {
                assertFalse(text.contains(personal), file.getFileName() + " holds personal data sent in the story");
            }
        }
    }

    /**
     * Runs after the story: every record of every topic (case-events with its data sealed under each case's key,
     * case-keys with the keys wrapped, case-transitions with codes, the dead-letter topics) and every row of every
     * table of the three databases, read as text, holds none of the personal values the story sent (issue 15, point 2).
     */
    @Test
    @Order(5)
    void noKafkaRecordAndNoDatabaseRowHoldsPersonalData() throws Exception {
        java.util.Map<String, Integer> records = new java.util.HashMap<>();
        for (String topic : List.of(Topics.CASE_EVENTS, Topics.CASE_KEYS, Topics.CASE_TRANSITIONS,
                Topics.CASE_EVENTS_DLQ, Topics.CASE_TRANSITIONS_DLQ)) {
            try (TopicProbe probe = new TopicProbe(system.infrastructure().kafkaBootstrapServers(), topic)) {
                for (ConsumerRecord<String, byte[]> record : probe.recordsToEnd(Duration.ofSeconds(60))) {
                    String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                    for (String personal : PERSONAL_DATA) {
                        assertFalse(text.contains(personal), "a record of " + topic + " holds " + personal);
                    }
                    records.merge(topic, 1, Integer::sum);
                }
            }
        }
        // The story's records were there to be read: its events, their cases' keys, their transitions.
        assertTrue(records.getOrDefault(Topics.CASE_EVENTS, 0) >= 5, records::toString);
        assertTrue(records.getOrDefault(Topics.CASE_KEYS, 0) >= 1, records::toString);
        assertTrue(records.getOrDefault(Topics.CASE_TRANSITIONS, 0) >= 5, records::toString);
        int rows = 0;
        for (String database : List.of("intake", "cases", "notifications")) {
            var infrastructure = system.infrastructure();
            try (Connection db = DriverManager.getConnection(infrastructure.jdbcUrl(database),
                    infrastructure.databaseUser(), infrastructure.databasePassword());
                    Statement sql = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = sql.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (rs.next()) {
                            for (String personal : PERSONAL_DATA) {
                                assertFalse(rs.getString(1).contains(personal),
                                        "a row of " + database + "." + table + " holds " + personal);
                            }
                            rows++;
                        }
                    }
                }
            }
        }
        assertTrue(rows >= 20, "the story's rows were read: " + rows);
    }

    private static String report(String caseId, String body) {
        return intake().body(body).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202)
                .extract().path("eventId");
    }

    private static RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token(ORG, "caseworker-1", "reporter"));
    }

    private static RequestSpecification cases() {
        return given().baseUri(system.baseUrl(HomewardService.CASE).toString())
                .auth().oauth2(system.token(ORG, "caseworker-1", "caseworker"));
    }

    private static RequestSpecification notifications(String advocate) {
        return given().baseUri(system.baseUrl(HomewardService.NOTIFICATION).toString())
                .auth().oauth2(system.token(ORG, advocate, "advocate"));
    }

    private static io.restassured.path.json.JsonPath subscribe(String advocate, String body) {
        return notifications(advocate).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }
}
