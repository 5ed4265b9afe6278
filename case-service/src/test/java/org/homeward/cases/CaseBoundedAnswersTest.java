package org.homeward.cases;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.NoteAdded;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP of the postmaster and its backends: connections open, nothing answers): every read of the
 * case API is answered 503 {@code dependency-unavailable} with Retry-After within the documented bound, readiness turns
 * DOWN within it and liveness stays UP. An event that arrives meanwhile waits; once PostgreSQL continues, the service
 * is ready by itself, the event is applied once, and the case is whole.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseBoundedAnswersTest {

    /** docs/reliability.md: 2 s for a connection plus 5 s for one database answer, 10 s in all; margin for load. */
    static final Duration BOUND = Duration.ofSeconds(10 + 8);
    static final String DEPENDENCY_UNAVAILABLE = "https://homeward.org/problems/dependency-unavailable";

    private static CaseEventsOnKafka kafka;

    @BeforeAll
    static void setUp() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        Callers.signOut();
    }

    @Test
    void withPostgresFrozenReadsAreAnswered503WithinTheBoundAndAnEventArrivingMeanwhileIsAppliedOnceAfter() {
        UUID caseId = kafka.open(Category.NORTH_KOREAN_POW, "리광철", List.of("Ri Gwang-cheol"), 2000,
                LocalDate.of(2025, 1, 9));
        kafka.publish(caseId, new Captured("Ukraine", "Kursk front"));
        CaseEventsOnKafka.awaitVersion(caseId, 1);
        UUID late;

        HomewardTestStack.pausePostgres();
        try {
            late = kafka.publish(caseId, new NoteAdded("reported while the database was frozen"));
            assertBounded503(() -> given().get("/api/v1/cases/{id}", caseId));
            assertBounded503(() -> given().get("/api/v1/cases"));
            assertBounded503(() -> given().get("/api/v1/cases/{id}/timeline", caseId));

            long start = System.nanoTime();
            await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BOUND) < 0);
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            everyProbeIsAnsweredWhileTheDatabaseIsFrozen();
        } finally {
            HomewardTestStack.resumePostgres();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        CaseEventsOnKafka.awaitVersion(caseId, 2);
        assertEquals(late, kafka.transitionOf(caseId, late).eventId(), "the late event was applied and announced");
        assertEquals(3, kafka.transitionsOf(caseId, 3).size(), "one transition per event, none twice");
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("version", equalTo(2));
    }

    /**
     * Probes as Kubernetes sends them, several at once for a while: each is answered DOWN within the readiness bound
     * (3 s, DatabaseReadiness; margin for load), none hangs until the database is back (as Quarkus' own check did).
     */
    private static void everyProbeIsAnsweredWhileTheDatabaseIsFrozen() {
        Duration probeBound = Duration.ofSeconds(3 + 7);
        java.util.concurrent.ExecutorService probes = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Duration>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(probes.submit(() -> {
                    long start = System.nanoTime();
                    given().get("/q/health/ready").then().statusCode(503)
                            .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
                    return Duration.ofNanos(System.nanoTime() - start);
                }));
            }
            for (java.util.concurrent.Future<Duration> answer : answers) {
                Duration took = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(took.compareTo(probeBound) < 0, "a readiness probe took " + took);
            }
        } catch (Exception e) {
            throw new AssertionError("a readiness probe was not answered DOWN in time", e);
        } finally {
            probes.shutdownNow();
        }
    }

    private static void assertBounded503(Supplier<Response> request) {
        long start = System.nanoTime();
        Response answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo(DEPENDENCY_UNAVAILABLE));
        assertTrue(took.compareTo(BOUND) < 0, "answered within the bound, took " + took);
    }
}
