package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A case-service restart in the middle of a stream of events loses nothing and applies nothing twice: partners keep
 * reporting through intake while the case service is stopped (gracefully, or killed with SIGKILL) and started again;
 * afterwards every case is exactly where one application of each of its events, in order, puts it.
 *
 * <p>Each case gets the same eight-event story (opened, captured, a letter, a note, intent stated, transfer requested,
 * transferred, resettled). A lost event would leave the case short of RESETTLED or make a later event illegal
 * (REJECTED in the timeline); an event applied twice would add a timeline entry and a version.
 */
class ConsumerRestartIT {

    private static final int CASES = 150;
    private static final int PUBLISHERS = 4;
    private static final List<String> STORY_TYPES = List.of("CASE_OPENED", "CAPTURED", "LETTER_RECEIVED", "NOTE_ADDED",
            "DEFECTION_INTENT_STATED", "TRANSFER_REQUESTED", "TRANSFERRED", "RESETTLED");
    private static final List<String> EVENTS = List.of(
            """
            {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "location": "Kursk front"}""",
            """
            {"type": "LETTER_RECEIVED", "occurredAt": "2025-10-28T00:00:00Z", "writer": "the soldier",
             "via": "a defector organisation", "writtenOn": "2025-10-28", "receivedOn": "2025-11-12", "language": "ko"}""",
            """
            {"type": "NOTE_ADDED", "occurredAt": "2025-11-13T00:00:00Z", "text": "interview requested"}""",
            """
            {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z", "destination": "South Korea",
             "method": "LETTER"}""",
            """
            {"type": "TRANSFER_REQUESTED", "occurredAt": "2025-12-01T00:00:00Z", "requestedBy": "UNHCR",
             "to": "South Korea"}""",
            """
            {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "from": "Ukraine", "to": "South Korea"}""",
            """
            {"type": "RESETTLED", "occurredAt": "2026-03-01T00:00:00Z", "place": "Seoul"}""");

    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "restart-system")), System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aGracefulRestartMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        restartMidStream("NORTH_KOREAN_POW", system::stopService);
    }

    @Test
    void aKillMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        restartMidStream("DEFECTOR", system::killService);
    }

    private void restartMidStream(String category, Consumer<HomewardService> stop) throws Exception {
        int before = totalCases();
        List<String> caseIds = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger posted = new AtomicInteger();
        int events = CASES * STORY_TYPES.size();
        CountDownLatch caseServiceStopped = new CountDownLatch(1);
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            running.add(publishers.submit(() -> {
                for (int c = publisher; c < CASES; c += PUBLISHERS) {
                    if (c >= CASES / 2) {
                        // The second half is reported while the case service is away.
                        assertTrue(caseServiceStopped.await(180, TimeUnit.SECONDS));
                    }
                    String caseId = open(category, c, posted);
                    caseIds.add(caseId);
                    for (int e = 0; e < EVENTS.size(); e++) {
                        report(caseId, e, posted);
                    }
                }
                return null;
            }));
        }

        // Mid-stream: the case service has taken some of the first half, the rest is on its way or still to come.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> totalCases() - before >= CASES / 10);
        assertTrue(resettled(category) < CASES / 2, "the case service was still taking the stream");
        stop.accept(HomewardService.CASE);
        caseServiceStopped.countDown();
        // Partners keep reporting while the case service is away; intake and Kafka take their events.
        await().atMost(Duration.ofSeconds(120)).until(() -> posted.get() >= events * 3 / 4);
        system.startService(HomewardService.CASE);
        system.awaitReady(HomewardService.CASE);
        for (Future<?> publisher : running) {
            publisher.get();
        }
        publishers.shutdown();
        assertEquals(events, posted.get());

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> cases()
                .queryParam("category", category).queryParam("state", "RESETTLED").queryParam("size", 1)
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(CASES)));
        assertEquals(CASES, caseIds.size());
        for (String caseId : caseIds) {
            cases().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                    .body("state", equalTo("RESETTLED"))
                    .body("version", equalTo(STORY_TYPES.size() - 1));
            // Arrival order: each person's events reached the case service in the order intake accepted them.
            cases().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                    .body("total", equalTo(STORY_TYPES.size()))
                    .body("items.type", contains(STORY_TYPES.toArray()))
                    .body("items.status", everyItem(equalTo("APPLIED")));
        }
        cases().queryParam("category", category).get("/api/v1/statistics").then()
                .body("total", equalTo(CASES))
                .body("byState.RESETTLED", equalTo(CASES));
    }

    private static String open(String category, int n, AtomicInteger posted) {
        String body = """
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "%s",
                 "person": {"hangulName": "%s", "birthYear": 2000}, "placeTaken": "Kursk oblast, Russia"}"""
                .formatted(category, name(category, n));
        Response response = untilAccepted(() -> intake().header("Idempotency-Key", "open-" + category + "-" + n)
                .body(body).post("/api/v1/cases"));
        posted.incrementAndGet();
        return response.path("caseId");
    }

    /** A distinct Hangul name per case, so that no two cases look like duplicates of each other. */
    private static String name(String category, int n) {
        int syllables = 0xD7A3 - 0xAC00 + 1;
        int index = (category.hashCode() & 0xffff) * CASES + n;
        return "김" + (char) (0xAC00 + (index * 7919) % syllables) + (char) (0xAC00 + (index * 104729 + 13) % syllables);
    }

    private static void report(String caseId, int event, AtomicInteger posted) {
        untilAccepted(() -> intake().header("Idempotency-Key", caseId + "-" + event).body(EVENTS.get(event))
                .post("/api/v1/cases/{id}/events", caseId));
        posted.incrementAndGet();
    }

    /** Posts like a partner: retries with the same Idempotency-Key until intake accepts. */
    private static Response untilAccepted(java.util.function.Supplier<Response> post) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            Response response = post.get();
            if (response.statusCode() == 202) {
                return response;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("intake did not accept: " + response.statusCode() + " " + response.asString());
            }
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
    }

    private static int resettled(String category) {
        return cases().queryParam("category", category).queryParam("state", "RESETTLED").queryParam("size", 1)
                .get("/api/v1/cases").then().statusCode(200).extract().path("total");
    }

    private static int totalCases() {
        return cases().get("/api/v1/statistics").then().statusCode(200).extract().path("total");
    }

    private static RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token("restart-test-org", "publisher", "reporter"));
    }

    private static RequestSpecification cases() {
        return given().baseUri(system.baseUrl(HomewardService.CASE).toString())
                .auth().oauth2(system.token("restart-test-org", "caseworker-1", "caseworker"));
    }
}
