package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification service restarts and Kafka hands it every transition again, from the beginning of the topic:
 * the advocate's feed still holds exactly one notification per transition, and a transition published while the
 * service was down arrives once.
 */
class NotificationRestartIT {

    private static final String ORG = "defector-org";
    private static final String GROUP = "notification-service";
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "restart")), System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRestartAndAFullRedeliveryMakeNoSecondNotification() throws Exception {
        String advocate = "advocate-" + UUID.randomUUID();
        notifications(advocate).contentType(ContentType.JSON)
                .body("{\"channel\": \"FEED\", \"categories\": [\"DEFECTOR\"], \"minUrgency\": \"LOW\"}")
                .post("/api/v1/subscriptions").then().statusCode(201);
        String caseId = intake().body("""
                {"occurredAt": "2024-08-20T05:00:00Z", "category": "DEFECTOR",
                 "person": {"romanizedNames": ["A soldier who crossed the DMZ"]}, "placeTaken": "DMZ, central sector"}""")
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        report(caseId, """
                {"type": "CAPTURED", "occurredAt": "2024-08-20T05:30:00Z", "heldBy": "South Korea"}""");
        report(caseId, """
                {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2024-08-20T09:00:00Z", "destination": "South Korea",
                 "method": "IN_PERSON"}""");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> feed(advocate, caseId).body("total", equalTo(3)));

        system.stopService(HomewardService.NOTIFICATION);
        Map<TopicPartition, Long> ends;
        try (Admin admin = admin()) {
            ends = endOffsets(admin);
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            ends.keySet().forEach(partition -> beginning.put(partition, new OffsetAndMetadata(0)));
            // Once the stopped service has left its group, rewind the group to the start of the topic.
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets(GROUP, beginning).all().get(10, TimeUnit.SECONDS));
        }
        report(caseId, """
                {"type": "NOTE_ADDED", "occurredAt": "2024-08-21T10:00:00Z", "text": "while notifications were down"}""");
        system.startService(HomewardService.NOTIFICATION);
        system.awaitReady(HomewardService.NOTIFICATION);

        try (Admin admin = admin()) {
            // The service took the whole topic again: its committed offsets are back at the (new) end.
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(end -> committed.containsKey(end.getKey())
                        && committed.get(end.getKey()).offset() >= end.getValue());
            });
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> feed(advocate, caseId).body("total", equalTo(4)));
        feed(advocate, caseId).body("items.type", contains("NOTE_ADDED", "DEFECTION_INTENT_STATED", "CAPTURED",
                "CASE_OPENED"));
    }

    private static io.restassured.response.ValidatableResponse feed(String advocate, String caseId) {
        return notifications(advocate).queryParam("caseId", caseId).get("/api/v1/notifications").then()
                .statusCode(200);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.CASE_TRANSITIONS)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.CASE_TRANSITIONS).partitions().stream()
                .map(p -> new TopicPartition(Topics.CASE_TRANSITIONS, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.infrastructure().kafkaBootstrapServers()));
    }

    private static void report(String caseId, String body) {
        intake().body(body).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202);
    }

    private static RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token(ORG, "caseworker-1", "reporter"));
    }

    private static RequestSpecification notifications(String advocate) {
        return given().baseUri(system.baseUrl(HomewardService.NOTIFICATION).toString())
                .auth().oauth2(system.token(ORG, advocate, "advocate"));
    }
}
