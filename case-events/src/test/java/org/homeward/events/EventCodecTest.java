package org.homeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

    private static final UUID CASE = UUID.fromString("8d7e6f5a-4b3c-4d2e-9f10-a1b2c3d4e5f6");
    private static final Instant OCCURRED = Instant.parse("2025-01-09T06:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2025-01-12T10:15:30Z");

    @Test
    void everyTypeHasASample() {
        assertEquals(Arrays.asList(EventType.values()).stream().sorted().toList(),
                SampleEvents.BY_TYPE.keySet().stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeSurvivesTheWire(EventType type) {
        CaseEventData data = SampleEvents.BY_TYPE.get(type);
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(UUID.randomUUID(), CASE, "urn:homeward:test",
                OCCURRED, RECEIVED, "org-a", "alice", data);

        CloudEvent<CaseEventData> back = EventCodec.decodeCaseEvent(EventCodec.encode(event));

        assertEquals(event, back);
        assertEquals(type, back.data().type());
        assertEquals(CASE, back.caseId());
    }

    @Test
    void theWireFormIsCloudEventsStructuredJson() throws Exception {
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(UUID.randomUUID(), CASE, "urn:homeward:test",
                OCCURRED, RECEIVED, "org-a", null, new Captured("Ukraine", "Kursk front"));

        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(event));

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("org.homeward.case.captured.v1", json.get("type").asText());
        assertEquals(CASE.toString(), json.get("subject").asText());
        assertEquals("2025-01-09T06:00:00Z", json.get("time").asText());
        assertEquals("2025-01-12T10:15:30Z", json.get("receivedat").asText());
        assertEquals("Ukraine", json.at("/data/heldBy").asText());
        assertFalse(json.has("submittedby"), "absent attributes are left out, not null");
    }

    @Test
    void transitionsSurviveTheWire() {
        CaseTransition transition = new CaseTransition(UUID.randomUUID(), CASE, UUID.randomUUID(),
                EventType.TRANSFERRED, Category.NORTH_KOREAN_POW, TransitionStatus.APPLIED, CaseState.INTENT_STATED,
                CaseState.TRANSFERRED, ReasonCode.FORCED_REPATRIATION_RISK, Urgency.CRITICAL,
                List.of(Alert.FORCED_REPATRIATION_RISK), 5, OCCURRED, RECEIVED, RECEIVED.plusSeconds(1), "org-a",
                List.of("org-a", "org-b"));

        CloudEvent<CaseTransition> back =
                EventCodec.decodeTransition(EventCodec.encode(CloudEvent.transition(transition, "urn:homeward:test")));

        assertEquals(transition, back.data());
        assertEquals(CaseTransition.CLOUD_EVENT_TYPE, back.type());
    }

    @Test
    void unknownTypesAndGarbageAreMalformed() {
        String unknown = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"subject\":\"" + CASE
                + "\",\"type\":\"org.homeward.case.teleported.v1\",\"data\":{}}";
        assertThrows(MalformedEventException.class,
                () -> EventCodec.decodeCaseEvent(unknown.getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class,
                () -> EventCodec.decodeCaseEvent("not json".getBytes(StandardCharsets.UTF_8)));
        String noSubject = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"org.homeward.case.captured.v1\",\"data\":{\"heldBy\":\"Ukraine\"}}";
        assertThrows(MalformedEventException.class,
                () -> EventCodec.decodeCaseEvent(noSubject.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readersIgnoreFieldsAddedLater() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"subject\":\"" + CASE
                + "\",\"type\":\"org.homeward.case.captured.v1\",\"newattr\":1,"
                + "\"data\":{\"heldBy\":\"Ukraine\",\"newField\":\"x\"}}";
        Captured data = (Captured) EventCodec.decodeCaseEvent(json.getBytes(StandardCharsets.UTF_8)).data();
        assertEquals("Ukraine", data.heldBy());
    }

    @Test
    void readersReadEnumValuesAddedLaterAsNullAndDropUnknownAlerts() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"subject\":\"" + CASE
                + "\",\"type\":\"" + CaseTransition.CLOUD_EVENT_TYPE + "\",\"data\":{\"transitionId\":\""
                + UUID.randomUUID() + "\",\"caseId\":\"" + CASE + "\",\"eventId\":\"" + UUID.randomUUID() + "\","
                + "\"eventType\":\"TRANSFERRED\",\"category\":\"NORTH_KOREAN_POW\",\"status\":\"NEW_STATUS\","
                + "\"fromState\":\"INTENT_STATED\",\"toState\":\"NEW_STATE\",\"urgency\":\"CRITICAL\","
                + "\"alerts\":[\"FORCED_REPATRIATION_RISK\",\"SOMETHING_NEW\"],\"caseVersion\":5,"
                + "\"reason\":\"the person stated intent to go to South Korea\","
                + "\"occurredAt\":\"2025-01-09T06:00:00Z\",\"visibleTo\":[\"org-a\"]}}";

        CaseTransition t = EventCodec.decodeTransition(json.getBytes(StandardCharsets.UTF_8)).data();

        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), t.alerts(), "the unknown alert is dropped");
        assertNull(t.toState(), "an unknown state reads as null");
        assertNull(t.status(), "an unknown status reads as null");
        assertNull(t.reason(), "a reason that is no code (a text from a producer before codes) reads as null");
        assertEquals(CaseState.INTENT_STATED, t.fromState());
        assertEquals(EventType.TRANSFERRED, t.eventType());
        assertEquals(Urgency.CRITICAL, t.urgency());
        assertEquals(List.of("org-a"), t.visibleTo());
    }

    @Test
    void personalDataNeverReachesToString() {
        CaseOpened opened = (CaseOpened) SampleEvents.BY_TYPE.get(EventType.CASE_OPENED);
        LetterReceived letter = (LetterReceived) SampleEvents.BY_TYPE.get(EventType.LETTER_RECEIVED);
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(UUID.randomUUID(), CASE, "urn:homeward:test",
                OCCURRED, RECEIVED, "org-a", "alice", opened);
        String printed = event + " " + opened + " " + opened.person() + " " + letter
                + SampleEvents.BY_TYPE.values();
        for (String secret : List.of("리광철", "Ri Gwang-cheol", "Pyongyang", "Kursk oblast", "wants to go",
                "his sister", "met the lawyer", "merged into", "Seoul")) {
            assertFalse(printed.contains(secret), () -> "toString leaks " + secret);
        }
        assertTrue(printed.contains(CASE.toString()));
    }
}
