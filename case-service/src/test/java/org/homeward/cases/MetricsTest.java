package org.homeward.cases;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.Category;
import org.homeward.events.NoteAdded;
import org.homeward.events.Resettled;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case service's /q/metrics: requests by path template, events taken by type and outcome (counted after commit),
 * the outbox's depth and age, consumer lag per partition; no case id nor a person's name in any of it.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class MetricsTest {

    private static final String EVENTS = "homeward_case_events_total";
    private static CaseEventsOnKafka kafka;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
    }

    @Test
    void requestsAreCountedByTemplateWithoutIdsOrNames() {
        UUID caseId = kafka.open(Category.DEFECTOR, "한지민", List.of("Han Ji-min"), 1998, LocalDate.of(2024, 5, 2));
        given().get("/api/v1/cases/{caseId}", caseId).then().statusCode(200);
        given().get("/api/v1/cases/{caseId}", UUID.randomUUID()).then().statusCode(404);

        MetricsExposure.assertSafe(metrics(), "/api/v1/cases/{caseId}",
                List.of(caseId.toString(), "한지민", "Han Ji-min"));
    }

    @Test
    void eventsAreCountedByTypeAndOutcomeOnceCommitted() {
        String before = metrics();
        UUID caseId = kafka.open(Category.DEFECTOR, "박서연", List.of("Pak So-yon"), 1990, LocalDate.of(2024, 6, 1));
        kafka.publish(caseId, new Resettled("Busan")); // not legal in REPORTED: kept, rejected
        UUID note = kafka.publish(caseId, new NoteAdded("met the family"));
        CaseEventsOnKafka.awaitVersion(caseId, 2);
        kafka.publish(note, caseId, new NoteAdded("met the family"), Callers.ORGANISATION); // redelivered

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = metrics();
            assertEquals(1, increase(before, after, "CASE_OPENED", "applied"));
            assertEquals(1, increase(before, after, "RESETTLED", "rejected"));
            assertEquals(1, increase(before, after, "NOTE_ADDED", "applied"));
            assertEquals(1, increase(before, after, "NOTE_ADDED", "duplicate"));
        });
        String after = metrics();
        assertEquals(0, increase(before, after, "RESETTLED", "applied"));
        assertEquals(0, increase(before, after, "CASE_OPENED", "held"));
        MetricsExposure.assertSafe(after, "/api/v1/cases/{caseId}", List.of(caseId.toString(), "박서연",
                "Pak So-yon", "Busan", "met the family"));
    }

    @Test
    void theOutboxIsEmptyAndItsOldestRowYoungOnceTheRelayCaughtUp() {
        kafka.open(Category.DEFECTOR, "최민호", List.of("Choe Min-ho"), 1985, LocalDate.of(2024, 7, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            assertEquals(0.0, MetricsExposure.value(metrics, "homeward_outbox_depth", Map.of()));
            assertEquals(0.0, MetricsExposure.value(metrics, "homeward_outbox_oldest_age_seconds", Map.of()));
        });
    }

    /**
     * Consumer lag per partition comes from the Kafka client's own metrics (Micrometer's Kafka binder), which finds a
     * partition's metrics up to a minute after the consumer was assigned it. Then every name the rules and dashboard
     * of deploy/kubernetes use is exposed.
     */
    @Test
    void consumerLagIsExposedPerPartitionAndEveryListedMetricExists() {
        kafka.open(Category.DEFECTOR, "정하늘", List.of("Jong Ha-nul"), 2001, LocalDate.of(2024, 8, 1));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String metrics = metrics();
            double lag = MetricsExposure.value(metrics, "kafka_consumer_fetch_manager_records_lag",
                    Map.of("topic", "case-events", "partition", "0"));
            assertFalse(Double.isNaN(lag), "no records lag for case-events partition 0");
        });
        String metrics = metrics();
        MetricsExposure.assertExposesListed(metrics, Path.of(".."), "case-service");
        MetricsExposure.assertSafe(metrics, "/api/v1/cases/{caseId}", List.of("정하늘", "Jong Ha-nul"));
    }

    /** /q/metrics through RestAssured (HTTP/1.1), as Prometheus scrapes it. */
    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double increase(String before, String after, String type, String outcome) {
        Map<String, String> labels = Map.of("type", type, "outcome", outcome);
        return MetricsExposure.value(after, EVENTS, labels) - MetricsExposure.value(before, EVENTS, labels);
    }
}
