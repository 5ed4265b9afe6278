package org.homeward.console.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The report form → intake's JSON body, for every event type. */
class EventFormsTest {

    static final String EVENT = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";

    /** Required fields per type, from docs/event-contract.md. */
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("CAPTURED", Set.of("heldBy")),
            Map.entry("LETTER_RECEIVED", Set.of("receivedOn")),
            Map.entry("DEFECTION_INTENT_STATED", Set.of("destination")),
            Map.entry("TRANSFER_REQUESTED", Set.of("to")),
            Map.entry("TRANSFERRED", Set.of("to")),
            Map.entry("RESETTLED", Set.of()),
            Map.entry("RETURNED", Set.of()),
            Map.entry("DEATH_REPORTED", Set.of()),
            Map.entry("PROOF_OF_LIFE", Set.of()),
            Map.entry("FAMILY_CONTACT", Set.of()),
            Map.entry("NOTE_ADDED", Set.of("text")),
            Map.entry("CASE_CLOSED", Set.of("reason")),
            Map.entry("CASE_REOPENED", Set.of("reason")),
            Map.entry("CASE_SHARED", Set.of("organisation")),
            Map.entry("CASE_UNSHARED", Set.of("organisation")),
            Map.entry("EVENT_RETRACTED", Set.of("eventId", "reason")));

    static String sample(EventForms.Field field) {
        return switch (field.kind()) {
            case DATE -> "2025-10-28";
            case CHOICE -> field.options().get(0);
            case EVENT, RETRACTABLE_EVENT -> EVENT;
            default -> "some " + field.name();
        };
    }

    @Test
    void everyTypeOfTheContractButTheOpeningIsOnTheFormWithItsRequiredFields() {
        assertEquals(REQUIRED.keySet(), EventForms.TYPES.stream().map(EventForms.Spec::type)
                .collect(Collectors.toSet()));
        for (EventForms.Spec spec : EventForms.TYPES) {
            assertEquals(REQUIRED.get(spec.type()), spec.fields().stream().filter(EventForms.Field::required)
                    .map(EventForms.Field::name).collect(Collectors.toSet()), spec.type());
        }
    }

    @Test
    void aCompleteFormOfEveryTypeBecomesItsBody() {
        for (EventForms.Spec spec : EventForms.TYPES) {
            Map<String, String> form = new HashMap<>();
            form.put("type", spec.type());
            form.put("occurredAt", "2025-01-09T06:00");
            spec.fields().forEach(f -> form.put(EventForms.key(spec.type(), f.name()), sample(f)));
            EventForms.Result result = EventForms.toJson(form, List.of(EVENT));
            assertTrue(result.ok(), spec.type() + " " + result);
            assertEquals(spec.type(), result.body().get("type"));
            assertEquals("2025-01-09T06:00:00Z", result.body().get("occurredAt"));
            for (EventForms.Field f : spec.fields()) {
                assertEquals(sample(f), result.body().get(f.name()), spec.type() + "." + f.name());
            }
            assertEquals(2 + spec.fields().size(), result.body().size());
        }
    }

    @Test
    void everyRequiredFieldLeftEmptyIsNamed() {
        for (EventForms.Spec spec : EventForms.TYPES) {
            Map<String, String> form = new HashMap<>();
            form.put("type", spec.type());
            spec.fields().forEach(f -> form.put(EventForms.key(spec.type(), f.name()), "  "));
            EventForms.Result result = EventForms.toJson(form, List.of());
            assertFalse(result.ok());
            assertEquals("required", result.errors().get("occurredAt"));
            for (String field : REQUIRED.get(spec.type())) {
                assertEquals("required", result.errors().get(spec.type() + "." + field), spec.type() + "." + field);
            }
            assertEquals(1 + REQUIRED.get(spec.type()).size(), result.errors().size(), spec.type());
        }
    }

    @Test
    void optionalFieldsLeftEmptyAreLeftOutAndOtherTypesFieldsIgnored() {
        EventForms.Result result = EventForms.toJson(Map.of("type", "TRANSFERRED", "occurredAt", "2026-02-01T09:00:00",
                "TRANSFERRED.to", " South Korea ", "TRANSFERRED.from", "", "CAPTURED.heldBy", "Ukraine"), List.of());
        assertTrue(result.ok());
        assertEquals(Map.of("type", "TRANSFERRED", "occurredAt", "2026-02-01T09:00:00Z", "to", "South Korea"),
                result.body());
    }

    @Test
    void datesAndTimesAreCheckedAndConvertedToUtc() {
        assertEquals("2025-01-09T06:00:00Z", EventForms.utc("2025-01-09T06:00").orElseThrow());
        assertEquals("2025-01-09T06:00:30Z", EventForms.utc("2025-01-09T06:00:30").orElseThrow());
        assertEquals("2025-01-08T21:00:00Z", EventForms.utc("2025-01-09T06:00:00+09:00").orElseThrow());
        assertTrue(EventForms.utc("tomorrow").isEmpty());
        assertTrue(EventForms.utc("2025-13-09T06:00").isEmpty());

        Map<String, String> form = Map.of("type", "LETTER_RECEIVED", "occurredAt", "yesterday",
                "LETTER_RECEIVED.receivedOn", "12/11/2025", "LETTER_RECEIVED.writtenOn", "2025-02-30");
        EventForms.Result result = EventForms.toJson(form, List.of());
        assertEquals(Map.of("occurredAt", "datetime", "LETTER_RECEIVED.receivedOn", "date",
                "LETTER_RECEIVED.writtenOn", "date"), result.errors());
    }

    @Test
    void choicesAndEventsMustBeTheAllowedOnes() {
        EventForms.Result result = EventForms.toJson(Map.of("type", "RETURNED", "occurredAt", "2025-01-09T06:00",
                "RETURNED.how", "TELEPORTED"), List.of());
        assertEquals(Map.of("RETURNED.how", "option"), result.errors());
        result = EventForms.toJson(Map.of("type", "EVENT_RETRACTED", "occurredAt", "2025-01-09T06:00",
                "EVENT_RETRACTED.eventId", "00000000-0000-4000-8000-000000000000", "EVENT_RETRACTED.reason", "wrong"),
                List.of(EVENT));
        assertEquals(Map.of("EVENT_RETRACTED.eventId", "event_id"), result.errors());
        result = EventForms.toJson(Map.of("type", "NOT_A_TYPE"), List.of());
        assertEquals(Map.of("type", "type"), result.errors());
        result = EventForms.toJson(Map.of(), List.of());
        assertEquals(Map.of("type", "required"), result.errors());
    }
}
