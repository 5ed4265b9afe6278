package org.homeward.notifications.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Mailboxes;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A case service newer than this notification service may send values this version does not know yet: an alert, a
 * state, a status, an event type, a category, an urgency. Such a transition is read (the unknown value as null, an
 * unknown alert left out), stored and routed like any other, never dead-lettered: an unknown urgency counts as
 * NORMAL, an unknown event type matches only subscriptions without an event-type filter.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class UnknownValuesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TopicProbe deadLetters;

    @BeforeAll
    static void watchTheDeadLetters() {
        deadLetters = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_TRANSITIONS_DLQ);
    }

    @AfterAll
    static void stop() {
        deadLetters.close();
    }

    @BeforeEach
    void ownOrganisation() {
        // every advocate of an organisation sees its critical alerts: not those other tests published
        Advocates.isolate();
    }

    @AfterEach
    void sharedOrganisation() {
        Advocates.shared();
    }

    @Test
    void transitionsWithValuesThisVersionDoesNotKnowAreRoutedNotDeadLettered() throws Exception {
        UUID caseId = UUID.randomUUID();
        String everything = Advocates.fresh();
        String transfers = Advocates.fresh();
        Advocates.subscribe(everything, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        String address = "unknown-" + caseId + "@homeward.test";
        Advocates.subscribe(everything, """
                {"channel": "EMAIL", "target": "%s", "caseIds": ["%s"]}""".formatted(address, caseId));
        Advocates.subscribe(transfers, """
                {"channel": "FEED", "caseIds": ["%s"], "eventTypes": ["TRANSFERRED", "CAPTURED"],
                 "minUrgency": "HIGH"}""".formatted(caseId));

        CaseTransition alert = Transitions.of(caseId, EventType.PROOF_OF_LIFE, Urgency.NORMAL);
        ObjectNode unknownAlert = Transitions.wire(alert);
        data(unknownAlert).putArray("alerts").add("SOMETHING_NEW").add("LIFE_AFTER_DEATH");

        CaseTransition states = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.HIGH);
        ObjectNode unknownStates = Transitions.wire(states);
        data(unknownStates).put("fromState", "LIMBO").put("toState", "NEW_STATE").put("status", "NEW_STATUS")
                .put("newField", "ignored");

        CaseTransition type = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        ObjectNode unknownType = Transitions.wire(type);
        data(unknownType).put("eventType", "TELEPORTED");

        CaseTransition urgency = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.HIGH);
        ObjectNode unknownUrgency = Transitions.wire(urgency);
        data(unknownUrgency).put("urgency", "URGENT");

        CaseTransition category = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.HIGH);
        ObjectNode unknownCategory = Transitions.wire(category);
        data(unknownCategory).put("category", "NEW_CATEGORY");

        for (ObjectNode json : List.of(unknownAlert, unknownStates, unknownType, unknownUrgency, unknownCategory)) {
            Transitions.publishRaw(caseId, json);
        }
        // Same case, same partition: once the marker is routed, every record before it was taken.
        CaseTransition marker = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        Transitions.publish(marker);

        await().atMost(WAIT).until(() -> eventIds(transfers).contains(marker.eventId().toString()));
        await().atMost(WAIT).until(() -> eventIds(everything).contains(marker.eventId().toString()));

        assertEquals(ids(alert, states, type, urgency, category, marker), eventIds(everything),
                "a subscription without filters hears of every one of them (an unknown urgency counts as NORMAL)");
        assertEquals(ids(alert, states, category, marker), eventIds(transfers),
                "the event-type and HIGH filter lets through the critical alert, the known types at HIGH and the "
                        + "unknown category; not the unknown type, nor the unknown urgency (NORMAL)");

        Map<String, Map<String, Object>> feed = feed(everything);
        Map<String, Object> withAlert = feed.get(alert.eventId().toString());
        assertEquals(List.of("LIFE_AFTER_DEATH"), withAlert.get("alerts"), "the unknown alert is left out");
        Map<String, Object> withStates = feed.get(states.eventId().toString());
        assertEquals("TRANSFERRED", withStates.get("type"));
        assertEquals("HIGH", withStates.get("urgency"));
        for (String absent : List.of("fromState", "toState", "status")) {
            assertFalse(withStates.containsKey(absent), absent + " is unknown: left out");
        }
        assertFalse(feed.get(type.eventId().toString()).containsKey("type"));
        assertEquals("HIGH", feed.get(type.eventId().toString()).get("urgency"));
        assertFalse(feed.get(urgency.eventId().toString()).containsKey("urgency"));
        assertEquals("TRANSFERRED", feed.get(urgency.eventId().toString()).get("type"));
        assertFalse(feed.get(category.eventId().toString()).containsKey("category"));

        assertEquals(ids(alert, states, type, urgency, category, marker),
                eventIds(everything, "NORMAL"), "the feed's urgency filter counts an unknown urgency as NORMAL");
        assertEquals(ids(states, type, category, marker), eventIds(everything, "HIGH"));

        await().atMost(WAIT).until(() -> Mailboxes.read(address).size() == 6);
        Set<String> subjects = Mailboxes.read(address).stream().map(Mailboxes.Mail::subject)
                .collect(Collectors.toSet());
        assertTrue(subjects.contains("[Homeward] HIGH: UNKNOWN on case " + caseId), subjects::toString);
        assertTrue(subjects.contains("[Homeward] UNKNOWN: TRANSFERRED on case " + caseId), subjects::toString);

        assertEquals(List.of(), deadLetters.recordsToEnd(Duration.ofSeconds(60)).stream()
                .filter(r -> caseId.toString().equals(r.key())).toList(), "nothing was dead-lettered");
    }

    @Test
    void anUnrecognisedDestinationAtHighReachesHighSubscriptionsButIsNotCritical() {
        UUID caseId = UUID.randomUUID();
        String high = Advocates.fresh();
        String critical = Advocates.fresh();
        Advocates.subscribe(high, """
                {"channel": "FEED", "caseIds": ["%s"], "minUrgency": "HIGH"}""".formatted(caseId));
        Advocates.subscribe(critical, """
                {"channel": "FEED", "caseIds": ["%s"], "minUrgency": "CRITICAL"}""".formatted(caseId));

        CaseTransition unrecognised = Transitions.of(caseId, EventType.TRANSFER_REQUESTED, Urgency.HIGH,
                Alert.UNRECOGNISED_DESTINATION);
        Transitions.publish(unrecognised);
        CaseTransition marker = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.CRITICAL,
                Alert.FORCED_REPATRIATION_RISK);
        Transitions.publish(marker);

        await().atMost(WAIT).until(() -> eventIds(critical).contains(marker.eventId().toString()));
        await().atMost(WAIT).until(() -> eventIds(high).contains(marker.eventId().toString()));
        assertEquals(ids(unrecognised, marker), eventIds(high));
        Map<String, Object> item = feed(high).get(unrecognised.eventId().toString());
        assertEquals(List.of("UNRECOGNISED_DESTINATION"), item.get("alerts"));
        assertEquals("HIGH", item.get("urgency"));
        assertEquals("TRANSFER_REQUESTED", item.get("type"));
        assertEquals(ids(marker), eventIds(critical), "an unrecognised destination is not a critical alert");
    }

    @Test
    void aTransitionNoEventCausedReachesTheFeed() {
        UUID caseId = UUID.randomUUID();
        String advocate = Advocates.fresh();
        Advocates.subscribe(advocate, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        // As the case service announces a case derived again under new rules: no event id, no event type.
        ObjectNode rederived = Transitions.wire(Transitions.of(caseId, EventType.TRANSFERRED, Urgency.CRITICAL,
                Alert.FORCED_REPATRIATION_RISK));
        data(rederived).remove(List.of("eventId", "eventType"));
        Transitions.publishRaw(caseId, rederived);
        CaseTransition marker = Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.NORMAL);
        Transitions.publish(marker);

        await().atMost(WAIT).until(() -> eventIds(advocate).contains(marker.eventId().toString()));
        List<Map<String, Object>> items = Advocates.as(advocate).get("/api/v1/notifications").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Object> item = items.stream().filter(i -> i.get("eventId") == null).findFirst().orElseThrow();
        assertEquals("CRITICAL", item.get("urgency"));
        assertEquals(List.of("FORCED_REPATRIATION_RISK"), item.get("alerts"));
        assertFalse(item.containsKey("type"));
    }

    private static ObjectNode data(ObjectNode cloudEvent) {
        return (ObjectNode) cloudEvent.get("data");
    }

    private static Set<String> ids(CaseTransition... transitions) {
        return java.util.Arrays.stream(transitions).map(t -> t.eventId().toString()).collect(Collectors.toSet());
    }

    private static Set<String> eventIds(String advocate) {
        return feed(advocate).keySet();
    }

    private static Set<String> eventIds(String advocate, String minUrgency) {
        List<String> ids = Advocates.as(advocate).queryParam("minUrgency", minUrgency).queryParam("size", 100)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("items.eventId");
        return Set.copyOf(ids);
    }

    /** The advocate's feed, by event id. */
    private static Map<String, Map<String, Object>> feed(String advocate) {
        List<Map<String, Object>> items = Advocates.as(advocate).queryParam("size", 100).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> i.get("eventId") != null)
                .collect(Collectors.toMap(i -> (String) i.get("eventId"), i -> i));
    }
}
