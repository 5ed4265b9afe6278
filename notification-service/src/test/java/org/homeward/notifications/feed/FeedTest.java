package org.homeward.notifications.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-app feed of one advocate: filters, paging, acknowledgements, and the live stream (SSE). */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class FeedTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @BeforeEach
    void ownOrganisation() {
        Advocates.isolate();
    }

    @AfterEach
    void sharedOrganisation() {
        Advocates.shared();
    }

    @Test
    void theFeedIsTheAdvocatesOwnFilteredPagedAndAcknowledged() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        Advocates.subscribe(advocate,
                "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"], \"minUrgency\": \"LOW\"}");
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));
        Transitions.publish(Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.LOW));
        Transitions.publish(Transitions.of(caseId, EventType.TRANSFERRED, Urgency.CRITICAL,
                Alert.FORCED_REPATRIATION_RISK));
        Transitions.publish(Transitions.of(UUID.randomUUID(), EventType.TRANSFERRED, Urgency.HIGH));

        await().atMost(WAIT).untilAsserted(() -> Advocates.as(advocate).get("/api/v1/notifications").then()
                .statusCode(200).body("total", equalTo(3)));
        Advocates.as(advocate).get("/api/v1/notifications").then()
                .body("items.type", contains("TRANSFERRED", "NOTE_ADDED", "CAPTURED"))
                .body("items.urgency", contains("CRITICAL", "LOW", "HIGH"))
                .body("items[0].alerts", contains("FORCED_REPATRIATION_RISK"))
                .body("items[0].caseId", equalTo(caseId.toString()))
                .body("items[0].caseUrl", equalTo("http://localhost:8082/api/v1/cases/" + caseId))
                .body("items[0].ackedAt", nullValue());
        Advocates.as(advocate).queryParam("minUrgency", "HIGH").queryParam("caseId", caseId.toString())
                .get("/api/v1/notifications").then().body("total", equalTo(2))
                .body("items.type", contains("TRANSFERRED", "CAPTURED"));
        Advocates.as(advocate).queryParam("size", 2).queryParam("page", 1).get("/api/v1/notifications").then()
                .body("total", equalTo(3)).body("items.type", contains("CAPTURED"));

        String first = Advocates.as(advocate).get("/api/v1/notifications").then().extract().path("items[0].id");
        Advocates.as(Advocates.fresh()).post("/api/v1/notifications/{id}/ack", first).then().statusCode(404);
        String ackedAt = Advocates.as(advocate).post("/api/v1/notifications/{id}/ack", first).then().statusCode(200)
                .body("ackedAt", not(nullValue())).extract().path("ackedAt");
        Advocates.as(advocate).post("/api/v1/notifications/{id}/ack", first).then().statusCode(200)
                .body("ackedAt", equalTo(ackedAt));
        Advocates.as(advocate).queryParam("acked", "false").get("/api/v1/notifications").then()
                .body("total", equalTo(2));
        Advocates.as(advocate).queryParam("acked", "true").get("/api/v1/notifications").then()
                .body("items.id", contains(first));

        // Another advocate of the organisation has none of these notifications, only the organisation's critical alert.
        Advocates.as(Advocates.fresh()).get("/api/v1/notifications").then().body("total", equalTo(1))
                .body("items[0].organisationWide", equalTo(true)).body("items[0].id", not(equalTo(first)));
    }

    @Test
    void badFiltersAreNamed() {
        String advocate = Advocates.fresh();
        Advocates.as(advocate).queryParam("minUrgency", "URGENT").get("/api/v1/notifications").then().statusCode(422)
                .contentType("application/problem+json").body("errors.pointer", hasItem("minUrgency"));
        Advocates.as(advocate).queryParam("caseId", "42").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", hasItem("caseId"));
        Advocates.as(advocate).queryParam("acked", "maybe").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", hasItem("acked"));
        Advocates.as(advocate).queryParam("size", "0").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", hasItem("size"));
        given().get("/api/v1/notifications").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aStreamReceivesANotificationLiveAndResumesAfterTheLastEventId() throws Exception {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        Advocates.subscribe(advocate, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        HttpClient client = HttpClient.newHttpClient();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = client.sendAsync(sse(advocate, null),
                HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        read(response, lines);
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));

        CaseTransition intent = Transitions.of(caseId, EventType.DEFECTION_INTENT_STATED, Urgency.HIGH);
        Transitions.publish(intent);
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
        String data = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        JsonNode notification = EventCodec.mapper().readTree(data.substring(5).trim());
        assertEquals(caseId.toString(), notification.path("caseId").asText());
        assertEquals(intent.eventId().toString(), notification.path("eventId").asText());
        assertEquals("DEFECTION_INTENT_STATED", notification.path("type").asText());
        String id = lines.stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).trim();
        assertEquals(notification.path("sequence").asText(), id, "the event id is the feed sequence");

        Transitions.publish(Transitions.of(caseId, EventType.TRANSFERRED, Urgency.HIGH));
        await().atMost(WAIT).until(() -> lines.stream().filter(l -> l.startsWith("data:")).count() == 2);
        response.body().close();

        // Reconnecting with the first event's id replays what came after it.
        HttpResponse<Stream<String>> resumed = client.sendAsync(sse(advocate, id),
                HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
        List<String> replay = new CopyOnWriteArrayList<>();
        read(resumed, replay);
        await().atMost(WAIT).until(() -> replay.stream().anyMatch(l -> l.startsWith("data:")));
        assertTrue(replay.stream().filter(l -> l.startsWith("data:")).allMatch(l -> l.contains("TRANSFERRED")),
                "only what came after the last event id");
        resumed.body().close();

        HttpResponse<String> stranger = client.send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, stranger.statusCode(), "a stream needs an advocate's token");
    }

    private static void read(HttpResponse<Stream<String>> response, List<String> into) {
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(into::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private HttpRequest sse(String advocate, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + HomewardTestStack.token(Advocates.organisation(), advocate,
                        Roles.ADVOCATE)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }
}
