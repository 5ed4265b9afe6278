package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP of the postmaster and its backends: connections stay open, nothing answers, as in a
 * partition or a stuck server): every request is answered 503 {@code dependency-unavailable} with Retry-After within
 * the documented bound, also when more requests wait than the pool has connections; readiness turns DOWN within the
 * same bound and liveness stays UP. Once PostgreSQL continues, intake is ready by itself, the refused requests published
 * nothing, the events accepted before are all there, once, and the partner's keyed retry is accepted once.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class BoundedAnswersTest {

    /**
     * docs/reliability.md: a request waits at most 2 s for a connection and 5 s for one answer of the database, so it
     * is answered within 10 s; readiness within 4 s. The margin on top is for a loaded 2-core build machine.
     */
    static final Duration BOUND = Duration.ofSeconds(10 + 8);
    static final String DEPENDENCY_UNAVAILABLE = "https://homeward.org/problems/dependency-unavailable";
    static final String NOTE = "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"n%d\"}";
    /** Prints the service's threads when a request outlives the bound (see {@link #assertBounded503}). */
    static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bounded-answers-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    @Test
    void withPostgresFrozenEveryRequestIsAnswered503WithinTheBoundAndNothingIsLostOrDoubled() throws Exception {
        String caseId = Intake.openCase();
        for (int i = 0; i < 3; i++) {
            partner().header("Idempotency-Key", Intake.newKey()).body(NOTE.formatted(i))
                    .when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202);
        }
        List<CloudEvent<CaseEventData>> before = Intake.awaitEvents(caseId, 4);
        int publishedBefore = Intake.published();
        String key = Intake.newKey();

        HomewardTestStack.pausePostgres();
        try {
            // One keyed event (a transaction: the key's lock), one opening without a key, one plain event: each 503.
            assertBounded503(() -> partner().header("Idempotency-Key", key).body(NOTE.formatted(99))
                    .when().post("/api/v1/cases/{id}/events", caseId));
            assertBounded503(() -> partner().body(Intake.OPEN).when().post("/api/v1/cases"));
            assertBounded503(() -> partner().body(NOTE.formatted(98))
                    .when().post("/api/v1/cases/{id}/events", caseId));

            // More requests at once than the pool has connections (20): the ones that get no connection give up
            // after the acquisition timeout, the others after the read timeout; none waits longer.
            ExecutorService partners = Executors.newFixedThreadPool(25);
            try {
                List<Future<?>> answers = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    int n = i;
                    answers.add(partners.submit(() -> assertBounded503(() -> partner()
                            .header("Idempotency-Key", Intake.newKey()).body(NOTE.formatted(100 + n))
                            .when().post("/api/v1/cases/{id}/events", caseId))));
                }
                for (Future<?> answer : answers) {
                    answer.get();
                }
            } finally {
                partners.shutdownNow();
            }

            long start = System.nanoTime();
            await().atMost(BOUND).untilAsserted(() -> RestAssured.given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BOUND) < 0);
            RestAssured.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            HomewardTestStack.resumePostgres();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RestAssured.given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        assertEquals(publishedBefore, Intake.published(), "the refused requests published nothing");

        // The partner's retry with the same key is accepted, once; the case and what it held before are intact.
        String eventId = partner().header("Idempotency-Key", key).body(NOTE.formatted(99))
                .when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202).extract().path("eventId");
        partner().header("Idempotency-Key", key).body(NOTE.formatted(99))
                .when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202)
                .body("eventId", equalTo(eventId));
        List<CloudEvent<CaseEventData>> after = Intake.awaitEvents(caseId, 5);
        assertEquals(before, after.subList(0, 4), "the events accepted before the outage are there, in order");
        assertEquals(1, after.stream().filter(e -> e.id().toString().equals(eventId)).count());
        assertEquals(publishedBefore + 1, Intake.published(), "one record for the retried event, none else");
    }

    private static void assertBounded503(Supplier<Response> request) {
        long start = System.nanoTime();
        Thread caller = Thread.currentThread();
        // The service runs in this JVM: if a request outlives the bound, print where every thread of the service is,
        // so that a failure says what the request waits for (a rare hang seen on loaded build machines).
        ScheduledFuture<?> dump = WATCHDOG.schedule(() -> dumpThreads(caller),
                BOUND.toMillis(), TimeUnit.MILLISECONDS);
        Response answer;
        try {
            answer = request.get();
        } finally {
            dump.cancel(false);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo(DEPENDENCY_UNAVAILABLE)).body("status", equalTo(503));
        assertTrue(took.compareTo(BOUND) < 0, "answered within the bound, took " + took);
    }

    private static void dumpThreads(Thread caller) {
        StringBuilder dump = new StringBuilder("A request of ").append(caller.getName())
                .append(" is still unanswered after ").append(BOUND).append("; the service's threads:\n");
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            String name = thread.getName();
            if (name.startsWith("executor-thread") || name.startsWith("agroal") || name.startsWith("vert.x")
                    || thread == caller) {
                dump.append('"').append(name).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : frames) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
        });
        System.err.println(dump);
    }
}
