package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.homeward.stack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consumer scale-out is safe: two case-service instances share the partitions of case-events in one consumer group,
 * one of them leaves and comes back while events flow (two rebalances), and still every person's events are taken
 * exactly once, in the order intake accepted them.
 */
class ScaleOutIT {

    private static final int CASES = 24;
    private static final int NOTES = 6;
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "scale-out")), System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twoInstancesTakeEveryPersonsEventsOnceAndInOrderThroughRebalances() throws Exception {
        ServiceProcess second = system.startExtraInstance(HomewardService.CASE);
        // Ready over HTTP is not yet a member of the group: wait until Kafka assigned it partitions, or on a fast
        // machine the first instance takes everything before the second ever joins.
        await().atMost(Duration.ofSeconds(120)).until(() -> instancesWithPartitions() == 2);
        Map<String, List<String>> accepted = new ConcurrentHashMap<>();
        ExecutorService partners = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < CASES / 2; i++) {
            work.add(partners.submit(() -> accepted.putAll(reportOneStory())));
        }
        // While events flow, the second instance leaves (its partitions move to the first, its unfinished records
        // with them) and a third joins; then more stories arrive for both.
        await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= CASES / 6
                && logOf(second).contains(" took "));
        second.close();
        ServiceProcess third = system.startExtraInstance(HomewardService.CASE);
        await().atMost(Duration.ofSeconds(120)).until(() -> instancesWithPartitions() == 2);
        for (int i = CASES / 2; i < CASES; i++) {
            work.add(partners.submit(() -> accepted.putAll(reportOneStory())));
        }
        for (Future<?> future : work) {
            future.get();
        }
        partners.shutdown();

        for (Map.Entry<String, List<String>> story : accepted.entrySet()) {
            String caseId = story.getKey();
            List<String> eventIds = story.getValue();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertEquals(eventIds.size(),
                    timeline(caseId).getInt("total"), "case " + caseId));
            JsonPath timeline = timeline(caseId);
            assertEquals(eventIds, timeline.getList("items.eventId"), "taken in the order intake accepted them");
            assertTrue(timeline.getList("items.status").stream().allMatch("APPLIED"::equals), caseId);
            JsonPath view = cases().get("/api/v1/cases/{id}", caseId).then().statusCode(200).extract().jsonPath();
            assertEquals("TRANSFERRED", view.getString("state"));
            assertEquals(eventIds.size() - 1, view.getInt("version"), "each event applied exactly once");
        }
        assertEquals(CASES, accepted.size());
        // Every instance took part.
        for (Path log : List.of(system.services().get(HomewardService.CASE).log(), second.log(), third.log())) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(text.contains(" took "), log + " took events");
        }
    }

    /** How many members of the case service's consumer group have partitions assigned, as the broker sees it. */
    private static long instancesWithPartitions() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", system.infrastructure().kafkaBootstrapServers()))) {
            return admin.describeConsumerGroups(List.of("case-service")).all().get().get("case-service").members()
                    .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private static String logOf(ServiceProcess instance) throws java.io.IOException {
        return Files.exists(instance.log()) ? Files.readString(instance.log(), StandardCharsets.UTF_8) : "";
    }

    private static JsonPath timeline(String caseId) {
        return cases().queryParam("size", 100).queryParam("order", "arrival")
                .get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200).extract().jsonPath();
    }

    /** One soldier's story, each event sent after the previous was accepted: the order intake stored them in. */
    private static Map<String, List<String>> reportOneStory() {
        List<String> ids = new ArrayList<>();
        JsonPath opened = intake().body("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"romanizedNames": ["Soldier"]}}""")
                .post("/api/v1/cases").then().statusCode(202).extract().jsonPath();
        String caseId = opened.getString("caseId");
        ids.add(opened.getString("eventId"));
        List<String> bodies = new ArrayList<>();
        bodies.add("""
                {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}""");
        for (int n = 0; n < NOTES; n++) {
            bodies.add("""
                    {"type": "NOTE_ADDED", "occurredAt": "2025-02-01T00:00:00Z", "text": "note %d"}""".formatted(n));
        }
        bodies.add("""
                {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z", "destination": "South Korea"}""");
        bodies.add("""
                {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "to": "South Korea"}""");
        for (String body : bodies) {
            ids.add(intake().body(body).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202)
                    .extract().path("eventId"));
        }
        return Map.of(caseId, ids);
    }

    private static io.restassured.specification.RequestSpecification cases() {
        return given().baseUri(system.baseUrl(HomewardService.CASE).toString())
                .auth().oauth2(system.token("scale-out-test", "caseworker-1", "caseworker"));
    }

    private static io.restassured.specification.RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token("scale-out-test", "publisher", "reporter"));
    }
}
