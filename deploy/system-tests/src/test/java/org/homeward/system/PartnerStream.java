package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * Partners reporting through intake as the docs tell them to: several threads, each with its own cases, each case's
 * eight-event story sent in order (opened, captured, a letter, a note, intent stated, transfer requested, transferred,
 * resettled), every request with an Idempotency-Key and retried with the same key on any failure, refusal or unknown
 * outcome until intake accepts. Afterwards {@link #assertEveryEventAppliedOnceInOrder} checks the case service: a
 * lost event would leave a case short of RESETTLED or make a later event REJECTED; an event applied twice would add
 * a timeline entry and a version; a reordering would show in the arrival order of the timeline.
 */
final class PartnerStream {

    static final List<String> STORY_TYPES = List.of("CASE_OPENED", "CAPTURED", "LETTER_RECEIVED", "NOTE_ADDED",
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
    /** A partner's client gives up on one request after this long and retries with the same key. */
    private static final RestAssuredConfig CLIENT = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));

    private final LocalSystem system;
    private final String organisation;
    private final String category;
    private final int cases;
    private final List<String> caseIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<Future<?>> running = new ArrayList<>();
    private ExecutorService publishers;

    PartnerStream(LocalSystem system, String organisation, String category, int cases) {
        this.system = system;
        this.organisation = organisation;
        this.category = category;
        this.cases = cases;
    }

    /** The events the stream sends in all. */
    int events() {
        return cases * STORY_TYPES.size();
    }

    /** Events intake accepted so far. */
    int posted() {
        return posted.get();
    }

    /** Requests that were not accepted at once and were sent again with the same key. */
    int retries() {
        return retries.get();
    }

    /**
     * Starts {@code threads} partners, each sending its cases' stories with {@code pause} between requests; cases
     * from {@code gatedFrom} on wait for {@code gate} first (null: no gate).
     */
    PartnerStream start(int threads, Duration pause, int gatedFrom, CountDownLatch gate) {
        publishers = Executors.newFixedThreadPool(threads);
        for (int p = 0; p < threads; p++) {
            int publisher = p;
            running.add(publishers.submit(() -> {
                for (int c = publisher; c < cases; c += threads) {
                    if (gate != null && c >= gatedFrom && !gate.await(300, TimeUnit.SECONDS)) {
                        throw new AssertionError("the gate never opened");
                    }
                    String caseId = open(c);
                    caseIds.add(caseId);
                    for (int e = 0; e < EVENTS.size(); e++) {
                        // A partner's pause between two reports, before the next goes out.
                        await().pollDelay(pause).atMost(pause.plusSeconds(5)).until(() -> true);
                        int event = e;
                        untilAccepted(() -> intake().header("Idempotency-Key", caseId + "-" + event)
                                .body(EVENTS.get(event)).post("/api/v1/cases/{id}/events", caseId));
                        posted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        return this;
    }

    /** Waits until every partner is done; answers the ids of the cases they opened. */
    List<String> finish() throws Exception {
        for (Future<?> publisher : running) {
            publisher.get(15, TimeUnit.MINUTES);
        }
        publishers.shutdown();
        if (posted.get() != events()) {
            throw new AssertionError("accepted " + posted.get() + " of " + events() + " events");
        }
        return List.copyOf(caseIds);
    }

    /** Every case ended RESETTLED with exactly its eight events, applied once each, in the order they were sent. */
    void assertEveryEventAppliedOnceInOrder(Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> cases()
                .queryParam("category", category).queryParam("state", "RESETTLED").queryParam("size", 1)
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(cases)));
        for (String caseId : caseIds) {
            cases().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                    .body("state", equalTo("RESETTLED"))
                    .body("version", equalTo(STORY_TYPES.size() - 1));
            cases().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                    .body("total", equalTo(STORY_TYPES.size()))
                    .body("items.type", contains(STORY_TYPES.toArray()))
                    .body("items.status", everyItem(equalTo("APPLIED")));
        }
    }

    /** How many cases of the stream's category the case service shows. */
    int casesShown() {
        return cases().queryParam("category", category).queryParam("size", 1).get("/api/v1/cases").then()
                .statusCode(200).extract().path("total");
    }

    /** How many cases of the stream's category are in {@code state}. */
    int casesIn(String state) {
        return cases().queryParam("category", category).queryParam("state", state).queryParam("size", 1)
                .get("/api/v1/cases").then().statusCode(200).extract().path("total");
    }

    private String open(int n) {
        String body = """
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "%s",
                 "person": {"hangulName": "%s", "birthYear": 2000}, "placeTaken": "Kursk oblast, Russia"}"""
                .formatted(category, name(n));
        Response response = untilAccepted(() -> intake()
                .header("Idempotency-Key", "open-" + organisation + "-" + category + "-" + n).body(body)
                .post("/api/v1/cases"));
        posted.incrementAndGet();
        return response.path("caseId");
    }

    /** A distinct Hangul name per case, so that no two cases look like duplicates of each other. */
    private String name(int n) {
        int syllables = 0xD7A3 - 0xAC00 + 1;
        int index = ((category + organisation).hashCode() & 0xffff) * 1000 + n;
        return "김" + (char) (0xAC00 + (index * 7919) % syllables) + (char) (0xAC00 + (index * 104729 + 13) % syllables);
    }

    /** Posts like a partner: retries with the same Idempotency-Key every 0.5 s until intake accepts (up to 5 min). */
    private Response untilAccepted(java.util.function.Supplier<Response> post) {
        java.util.concurrent.atomic.AtomicReference<Response> accepted = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        try {
                            Response response = post.get();
                            if (response.statusCode() == 202) {
                                accepted.set(response);
                                return true;
                            }
                            failure.set(response.statusCode() + " " + response.asString());
                        } catch (Exception e) { // refused, reset or timed out (undeclared IOExceptions): retry
                            failure.set(e.toString());
                        }
                        retries.incrementAndGet();
                        return false;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("intake did not accept: " + failure.get(), e);
        }
        return accepted.get();
    }

    private RequestSpecification intake() {
        return given().config(CLIENT).baseUri(system.baseUrl(HomewardService.INTAKE).toString())
                .contentType(ContentType.JSON).auth().oauth2(system.token(organisation, "caseworker-1", "reporter"));
    }

    RequestSpecification cases() {
        return given().config(CLIENT).baseUri(system.baseUrl(HomewardService.CASE).toString()).auth()
                .oauth2(system.token(organisation, "caseworker-1", "caseworker"));
    }
}
