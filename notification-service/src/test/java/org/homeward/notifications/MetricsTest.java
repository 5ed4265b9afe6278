package org.homeward.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Receiver.Answer;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification service's /q/metrics: requests by path template, deliveries due, failing and dead, alerts raised
 * by kind, CRITICAL alerts not yet acknowledged, consumer lag per partition; no id and nothing an advocate sent. The
 * gauges are read from the database at most every 5 s, hence the waits.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Receiver receiver;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void shared() {
        Advocates.shared();
    }

    @Test
    void requestsAreCountedByTemplateWithoutIds() {
        String advocate = Advocates.fresh();
        String unknown = UUID.randomUUID().toString();
        Advocates.as(advocate).get("/api/v1/subscriptions/{id}", unknown).then().statusCode(404);

        MetricsExposure.assertSafe(metrics(), "/api/v1/subscriptions/{id}", List.of(unknown, advocate));
    }

    @Test
    void aDeliveryThatDiesIsCountedDead() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/gone-" + caseId;
        receiver.on(path, r -> Answer.of(410)); // refused for good: dead at the first attempt
        JsonPath subscription = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        double deadBefore = gauge(metrics(), "homeward_deliveries_dead");
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));

        await().atMost(WAIT).untilAsserted(() -> Advocates.as(advocate)
                .queryParam("subscriptionId", subscription.getString("id")).queryParam("status", "DEAD")
                .get("/api/v1/deliveries").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = metrics();
            // at least this one: a delivery of another test class may die meanwhile
            assertTrue(gauge(metrics, "homeward_deliveries_dead") >= deadBefore + 1, "dead deliveries");
            assertFalse(Double.isNaN(gauge(metrics, "homeward_deliveries_due")));
            assertFalse(Double.isNaN(gauge(metrics, "homeward_deliveries_failing")));
        });
        MetricsExposure.assertSafe(metrics(), "/api/v1/subscriptions", List.of(caseId.toString(), advocate));
    }

    @Test
    void anUnacknowledgedCriticalAlertIsCountedUntilAnAdvocateAcknowledgesIt() {
        String organisation = Advocates.isolate();
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String before = metrics();
        double unacknowledged = gauge(before, "homeward_critical_alerts_unacknowledged");
        CaseTransition critical = Transitions.visibleTo(Transitions.of(caseId, EventType.TRANSFERRED,
                Urgency.CRITICAL, Alert.FORCED_REPATRIATION_RISK), organisation);
        Transitions.publish(critical);
        Transitions.publish(critical); // redelivered: neither a second alert nor a second count

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = metrics();
            assertEquals(unacknowledged + 1, gauge(metrics, "homeward_critical_alerts_unacknowledged"));
            assertTrue(gauge(metrics, "homeward_critical_alerts_unacknowledged_oldest_age_seconds") >= 0);
            assertEquals(1, raised(metrics, "FORCED_REPATRIATION_RISK") - raised(before, "FORCED_REPATRIATION_RISK"));
        });
        String alert = Advocates.as(advocate).get("/api/v1/notifications").then().statusCode(200)
                .extract().path("items[0].id");
        Advocates.as(advocate).post("/api/v1/notifications/{id}/ack", alert).then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(unacknowledged,
                gauge(metrics(), "homeward_critical_alerts_unacknowledged")));
        String after = metrics();
        assertEquals(0, raised(after, "LIFE_AFTER_DEATH") - raised(before, "LIFE_AFTER_DEATH"));
        MetricsExposure.assertSafe(after, "/api/v1/notifications/{id}/ack",
                List.of(caseId.toString(), organisation, advocate));
    }

    /**
     * Consumer lag per partition comes from the Kafka client's own metrics (Micrometer's Kafka binder), which finds a
     * partition's metrics up to a minute after the consumer was assigned it. Then every name the rules and dashboard
     * of deploy/kubernetes use is exposed.
     */
    @Test
    void consumerLagIsExposedPerPartitionAndEveryListedMetricExists() {
        Transitions.publish(Transitions.of(UUID.randomUUID(), EventType.NOTE_ADDED, Urgency.LOW));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertFalse(
                Double.isNaN(MetricsExposure.value(metrics(), "kafka_consumer_fetch_manager_records_lag",
                        Map.of("topic", "case-transitions", "partition", "0"))),
                "no records lag for case-transitions partition 0"));
        MetricsExposure.assertExposesListed(metrics(), Path.of(".."), "notification-service");
    }

    /** /q/metrics through RestAssured (HTTP/1.1), as Prometheus scrapes it. */
    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double gauge(String metrics, String name) {
        return MetricsExposure.value(metrics, name, Map.of());
    }

    private static double raised(String metrics, String kind) {
        return MetricsExposure.value(metrics, "homeward_alerts_raised_total", Map.of("kind", kind));
    }
}
