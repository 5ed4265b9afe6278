package org.homeward.notifications.feed;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.routing.domain.NotificationRouter;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Mailboxes;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every advocate of an organisation that may see a case hears of its critical transitions (urgency CRITICAL, or a
 * forced-repatriation-risk or life-after-death alert) in the feed and on the live stream, subscribed or not, exactly
 * once; acknowledging such an organisation-wide alert is per advocate. Each test has its own organisations, so the
 * critical transitions of other tests stay out of its feeds.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class OrganisationCriticalAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Inject
    NotificationRouter router;

    private String organisation;
    private String owner;

    @BeforeEach
    void ownOrganisations() {
        organisation = Advocates.isolate();
        owner = "owner-" + UUID.randomUUID();
    }

    @AfterEach
    void sharedOrganisation() {
        Advocates.shared();
    }

    @Test
    void everyAdvocateOfAnOrganisationThatMaySeeTheCaseHearsOfItsCriticalTransitionsOnce() throws Exception {
        UUID caseId = UUID.randomUUID();
        String unsubscribed = Advocates.fresh();
        String subscribed = Advocates.fresh();
        String mailed = Advocates.fresh();
        String ownersAdvocate = Advocates.fresh();
        String feedSubscription = Advocates.subscribe(subscribed, """
                {"channel": "FEED", "caseIds": ["%s"], "minUrgency": "LOW"}""".formatted(caseId)).getString("id");
        String address = "critical-" + caseId + "@homeward.test";
        Advocates.subscribe(mailed, """
                {"channel": "EMAIL", "target": "%s", "caseIds": ["%s"], "minUrgency": "CRITICAL"}"""
                .formatted(address, caseId));

        HttpClient client = HttpClient.newHttpClient();
        List<String> unsubscribedLines = open(client, unsubscribed);
        List<String> subscribedLines = open(client, subscribed);

        // One case, one partition: routed in this order. Before the case is shared, the organisation may not see it.
        CaseTransition notShared = Transitions.visibleTo(Transitions.of(caseId, EventType.TRANSFER_REQUESTED,
                Urgency.CRITICAL, Alert.FORCED_REPATRIATION_RISK), owner);
        CaseTransition notCritical = Transitions.visibleTo(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH),
                owner, organisation);
        CaseTransition critical = Transitions.visibleTo(Transitions.of(caseId, EventType.TRANSFERRED,
                Urgency.CRITICAL, Alert.FORCED_REPATRIATION_RISK), owner, organisation);
        CaseTransition criticalAlert = Transitions.visibleTo(Transitions.of(caseId, Category.WAR_ABDUCTEE,
                EventType.PROOF_OF_LIFE, Urgency.NORMAL, null, Alert.LIFE_AFTER_DEATH), owner, organisation);
        for (CaseTransition t : List.of(notShared, notCritical, critical, criticalAlert)) {
            Transitions.publish(t);
        }

        await().atMost(WAIT).until(() -> eventIds(organisation, unsubscribed).size() == 2);
        assertEquals(List.of(id(criticalAlert), id(critical)), eventIds(organisation, unsubscribed),
                "without a subscription: the two critical transitions of the shared case; not the one from before the "
                        + "share, not the one that is not critical");
        Advocates.as(unsubscribed).get("/api/v1/notifications").then().statusCode(200)
                .body("items.organisationWide", contains(true, true))
                .body("items[0].subscriptionId", nullValue())
                .body("items[0].alerts", contains("LIFE_AFTER_DEATH"))
                .body("items[0].urgency", equalTo("NORMAL"))
                .body("items[1].urgency", equalTo("CRITICAL"))
                .body("items[1].caseId", equalTo(caseId.toString()))
                .body("items[1].ackedAt", nullValue());

        // With a matching FEED subscription: each transition once, as their own notification.
        await().atMost(WAIT).until(() -> eventIds(organisation, subscribed).size() == 3);
        assertEquals(List.of(id(criticalAlert), id(critical), id(notCritical)), eventIds(organisation, subscribed));
        Advocates.as(subscribed).get("/api/v1/notifications").then()
                .body("items.organisationWide", contains(false, false, false))
                .body("items.subscriptionId", contains(feedSubscription, feedSubscription, feedSubscription));
        // An e-mail subscription's advocate: the e-mail of their subscription, and the feed's organisation alerts.
        assertEquals(List.of(id(criticalAlert), id(critical)), eventIds(organisation, mailed));

        // The owner's organisation: every critical transition of its case, the one before the share too.
        assertEquals(List.of(id(criticalAlert), id(critical), id(notShared)), eventIds(owner, ownersAdvocate));

        // The live streams: the critical ones as they came, once each, for the subscribed advocate too.
        await().atMost(WAIT).until(() -> data(unsubscribedLines).size() == 2);
        await().atMost(WAIT).until(() -> data(subscribedLines).size() == 3);
        List<JsonNode> live = data(unsubscribedLines);
        assertEquals(List.of(id(critical), id(criticalAlert)), live.stream().map(n -> n.path("eventId").asText())
                .toList());
        assertTrue(live.stream().allMatch(n -> n.path("organisationWide").asBoolean()));
        assertEquals(List.of(id(notCritical), id(critical), id(criticalAlert)), data(subscribedLines).stream()
                .map(n -> n.path("eventId").asText()).toList(), "a subscribed advocate's stream: each once");
        assertTrue(data(subscribedLines).stream().noneMatch(n -> n.path("organisationWide").asBoolean()));

        await().atMost(WAIT).until(() -> Mailboxes.read(address).size() == 2);
        assertEquals(2, Mailboxes.read(address).size(), "e-mail stays per subscription");

        // Resuming a stream after the first critical alert replays the second one.
        String firstSequence = live.get(0).path("sequence").asText();
        List<String> resumed = open(client, unsubscribed, firstSequence);
        await().atMost(WAIT).until(() -> data(resumed).size() == 1);
        assertEquals(id(criticalAlert), data(resumed).get(0).path("eventId").asText());
    }

    @Test
    void redeliveryChangesNothing() throws Exception {
        UUID caseId = UUID.randomUUID();
        String advocate = Advocates.fresh();
        CaseTransition critical = Transitions.visibleTo(Transitions.of(caseId, EventType.TRANSFERRED,
                Urgency.CRITICAL, Alert.FORCED_REPATRIATION_RISK), owner, organisation);
        Transitions.publish(critical);
        await().atMost(WAIT).until(() -> eventIds(organisation, advocate).size() == 1);

        // Kafka redelivers the record (the processed mark), and the same transition comes in another message (only
        // the unique (organisation, transition) pair stands in the way).
        Transitions.publish(critical);
        CloudEvent<CaseTransition> first = CloudEvent.transition(critical, "urn:homeward:test");
        CloudEvent<CaseTransition> another = new CloudEvent<>(first.specversion(), UUID.randomUUID(), first.source(),
                first.type(), first.subject(), first.time(), first.datacontenttype(), first.receivedat(),
                first.reportedby(), first.submittedby(), critical);
        assertEquals(new NotificationRouter.Routed(0, 0, 0), router.route(another));
        CaseTransition marker = Transitions.visibleTo(Transitions.of(caseId, EventType.PROOF_OF_LIFE,
                Urgency.CRITICAL), owner, organisation);
        Transitions.publish(marker);
        await().atMost(WAIT).until(() -> eventIds(organisation, advocate).size() == 2);

        assertEquals(List.of(id(marker), id(critical)), eventIds(organisation, advocate));
        assertEquals(Map.of(organisation, 1, owner, 1), alerts(critical.transitionId()));
    }

    @Test
    void acknowledgingAnOrganisationsAlertIsPerAdvocate() {
        UUID caseId = UUID.randomUUID();
        String first = Advocates.fresh();
        String second = Advocates.fresh();
        String subscribed = Advocates.fresh();
        Advocates.subscribe(subscribed, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        CaseTransition critical = Transitions.visibleTo(Transitions.of(caseId, EventType.TRANSFERRED,
                Urgency.CRITICAL), organisation);
        Transitions.publish(critical);
        await().atMost(WAIT).until(() -> eventIds(organisation, first).size() == 1);
        await().atMost(WAIT).until(() -> eventIds(organisation, subscribed).size() == 1);
        String alert = Advocates.as(first).get("/api/v1/notifications").then().extract().path("items[0].id");
        assertEquals(alert, Advocates.as(second).get("/api/v1/notifications").then().extract().path("items[0].id"),
                "one organisation-wide alert");

        String ackedAt = Advocates.as(first).post("/api/v1/notifications/{id}/ack", alert).then().statusCode(200)
                .body("id", equalTo(alert)).body("organisationWide", equalTo(true))
                .body("ackedAt", not(nullValue())).extract().path("ackedAt");
        Advocates.as(first).post("/api/v1/notifications/{id}/ack", alert).then().statusCode(200)
                .body("ackedAt", equalTo(ackedAt));
        Advocates.as(first).queryParam("acked", "false").get("/api/v1/notifications").then().body("total", equalTo(0));
        Advocates.as(first).queryParam("acked", "true").get("/api/v1/notifications").then()
                .body("items.id", contains(alert));

        // the other advocates of the organisation still have it to acknowledge
        Advocates.as(second).queryParam("acked", "false").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].ackedAt", nullValue());
        // an advocate of another organisation cannot acknowledge it; nor one who has their own notification instead
        Advocates.as(owner, Advocates.fresh()).post("/api/v1/notifications/{id}/ack", alert).then().statusCode(404);
        Advocates.as(subscribed).post("/api/v1/notifications/{id}/ack", alert).then().statusCode(404);
        Advocates.as(subscribed).queryParam("acked", "false").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].organisationWide", equalTo(false));
    }

    @Test
    void theFeedFiltersByCategoryAndScope() {
        UUID caseId = UUID.randomUUID();
        String advocate = Advocates.fresh();
        Advocates.subscribe(advocate, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        CaseTransition own = Transitions.of(caseId, Category.WAR_ABDUCTEE, EventType.CAPTURED, Urgency.HIGH, null);
        CaseTransition organisationWide = Transitions.of(UUID.randomUUID(), Category.NORTH_KOREAN_POW,
                EventType.TRANSFERRED, Urgency.CRITICAL, null, Alert.FORCED_REPATRIATION_RISK);
        Transitions.publish(own);
        Transitions.publish(organisationWide);
        await().atMost(WAIT).until(() -> eventIds(organisation, advocate).size() == 2);

        Advocates.as(advocate).queryParam("category", "WAR_ABDUCTEE").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(id(own)));
        Advocates.as(advocate).queryParam("category", "north_korean_pow").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(id(organisationWide)));
        Advocates.as(advocate).queryParam("organisationWide", "true").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(id(organisationWide)));
        Advocates.as(advocate).queryParam("organisationWide", "false").get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(id(own)));
        Advocates.as(advocate).queryParam("minUrgency", "CRITICAL").queryParam("caseId",
                organisationWide.caseId().toString()).get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(id(organisationWide)));
        Advocates.as(advocate).queryParam("category", "PIRATES").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", contains("category"));
        Advocates.as(advocate).queryParam("organisationWide", "maybe").get("/api/v1/notifications").then()
                .statusCode(422).body("errors.pointer", contains("organisationWide"));
    }

    private static String id(CaseTransition t) {
        return t.eventId().toString();
    }

    /** The event ids of the advocate's feed, newest first. */
    private static List<String> eventIds(String organisation, String advocate) {
        return Advocates.as(organisation, advocate).queryParam("size", 100).get("/api/v1/notifications").then()
                .statusCode(200).extract().jsonPath().getList("items.eventId");
    }

    /** The critical alerts of a transition, by organisation. */
    private static Map<String, Integer> alerts(UUID transitionId) throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement select = c.prepareStatement("select organisation, count(*) from critical_alerts"
                        + " where transition_id = ? group by organisation")) {
            select.setObject(1, transitionId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private List<String> open(HttpClient client, String advocate) throws Exception {
        return open(client, advocate, null);
    }

    /** Opens the advocate's stream, waits until it says it is connected, and answers the lines as they come. */
    private List<String> open(HttpClient client, String advocate, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + HomewardTestStack.token(organisation, advocate, Roles.ADVOCATE))
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the stream ended with the test
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));
        return lines;
    }

    /** The notifications a stream sent so far, in order. */
    private static List<JsonNode> data(List<String> lines) {
        List<JsonNode> items = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("data:")) {
                try {
                    items.add(EventCodec.mapper().readTree(line.substring(5).trim()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertFalse(items.stream().anyMatch(JsonNode::isMissingNode));
        return items;
    }
}
