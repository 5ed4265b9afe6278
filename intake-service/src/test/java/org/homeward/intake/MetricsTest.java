package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.Test;

/**
 * Intake's /q/metrics: requests by path template, events by type and outcome, consumer lag per partition; no case id
 * nor anything a partner sent.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class MetricsTest {

    private static final String EVENTS = "homeward_intake_events_total";

    @Test
    void requestsAreCountedByTemplateWithoutIdsOrNames() {
        String caseId = Intake.openCase();
        Intake.partner().header("Idempotency-Key", Intake.newKey()).body(Intake.CAPTURED)
                .post("/api/v1/cases/{caseId}/events", caseId).then().statusCode(202);
        // Refused before a route is matched: no template, and the raw path must not become a label.
        Intake.partner().body("{\"notes\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .post("/api/v1/cases/{caseId}/events", caseId).then().statusCode(413);

        MetricsExposure.assertSafe(metrics(), "/api/v1/cases/{caseId}/events",
                List.of(caseId, "리광철", "Ri Gwang-cheol", "Kursk"));
    }

    @Test
    void eventsAreCountedByTypeAndOutcome() {
        String before = metrics();
        String caseId = Intake.openCase();
        String key = Intake.newKey();
        Intake.partner().header("Idempotency-Key", key).body(Intake.CAPTURED)
                .post("/api/v1/cases/{caseId}/events", caseId).then().statusCode(202);
        Intake.partner().header("Idempotency-Key", key).body(Intake.CAPTURED)
                .post("/api/v1/cases/{caseId}/events", caseId).then().statusCode(202); // the same answer again
        Intake.partner().body(Intake.CAPTURED)
                .post("/api/v1/cases/{caseId}/events", UUID.randomUUID()).then().statusCode(404); // no such case

        String after = metrics();
        assertEquals(1, increase(before, after, "CASE_OPENED", "accepted"));
        assertEquals(1, increase(before, after, "CAPTURED", "accepted"));
        assertEquals(1, increase(before, after, "CAPTURED", "replayed"));
        assertEquals(1, increase(before, after, "CAPTURED", "refused"));
        assertEquals(0, increase(before, after, "CASE_OPENED", "refused"));
        MetricsExposure.assertSafe(after, "/api/v1/cases/{caseId}/events",
                List.of(caseId, "리광철", "Ri Gwang-cheol", "Kursk"));
    }

    /**
     * Consumer lag per partition comes from the Kafka client's own metrics (Micrometer's Kafka binder), which finds a
     * partition's metrics up to a minute after the consumer was assigned it. Then every name the rules and dashboard
     * of deploy/kubernetes use is exposed.
     */
    @Test
    void consumerLagIsExposedPerPartitionAndEveryListedMetricExists() {
        Intake.openCase();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertFalse(
                Double.isNaN(MetricsExposure.value(metrics(), "kafka_consumer_fetch_manager_records_lag",
                        Map.of("topic", "case-events", "partition", "0"))),
                "no records lag for case-events partition 0"));
        MetricsExposure.assertExposesListed(metrics(), Path.of(".."), "intake-service");
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
