package org.homeward.console.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.homeward.console.api.Problem;
import org.junit.jupiter.api.Test;

/**
 * The form that opens a case, read into intake's body, and the time zone of {@code occurredAt} (the open-case form
 * and the report form read it alike): the checks before sending, and intake's pointers back to the fields.
 */
class OpenCaseFormTest {

    static Map<String, String> complete() {
        Map<String, String> form = new HashMap<>();
        form.put("category", "NORTH_KOREAN_POW");
        form.put("hangulName", " 리광철 ");
        form.put("romanizedNames", "Ri Gwang-cheol\r\nRi Kwang-ch'ŏl\n\n; Lee Kwang-chol");
        form.put("birthYear", "2000");
        form.put("sex", "MALE");
        form.put("placeOfOrigin", "Pyongyang");
        form.put("placeTaken", "Kursk oblast, Russia");
        form.put("dateTaken", "2025-01-09");
        form.put("occurredAt", "2025-01-09T15:00");
        form.put("timeZone", "Asia/Seoul");
        return form;
    }

    @Test
    void aCompleteFormBecomesTheContractsBodyWithOccurredAtFromThePersonsZoneInUtc() {
        EventForms.Result result = OpenCaseForm.toJson(complete());
        assertTrue(result.ok(), result.toString());
        assertEquals(Map.of("occurredAt", "2025-01-09T06:00:00Z", "category", "NORTH_KOREAN_POW",
                "person", Map.of("hangulName", "리광철",
                        "romanizedNames", List.of("Ri Gwang-cheol", "Ri Kwang-ch'ŏl", "Lee Kwang-chol"),
                        "birthYear", 2000, "sex", "MALE", "placeOfOrigin", "Pyongyang"),
                "placeTaken", "Kursk oblast, Russia", "dateTaken", "2025-01-09"), result.body());
    }

    @Test
    void onlyWhatWasTypedIsSentAndAnEmptyZoneIsUtc() {
        Map<String, String> form = Map.of("category", "WAR_ABDUCTEE", "romanizedNames", "Choi Dong-su",
                "occurredAt", "1950-09-15T00:00", "timeZone", " ", "sex", "");
        EventForms.Result result = OpenCaseForm.toJson(form);
        assertTrue(result.ok(), result.toString());
        assertEquals(Map.of("occurredAt", "1950-09-15T00:00:00Z", "category", "WAR_ABDUCTEE",
                "person", Map.of("romanizedNames", List.of("Choi Dong-su"))), result.body());
    }

    @Test
    void eachFieldIsCheckedBeforeSending() {
        Map<String, String> form = new HashMap<>(complete());
        form.put("category", "ALIEN");
        form.remove("hangulName");
        form.put("romanizedNames", "\n ; \n");
        form.put("birthYear", "1879");
        form.put("sex", "OTHER");
        form.put("dateTaken", "2025-02-30");
        form.put("timeZone", "Asia/Atlantis");
        form.put("placeTaken", "x".repeat(301));
        EventForms.Result result = OpenCaseForm.toJson(form);
        assertFalse(result.ok());
        assertEquals(Map.of("category", "option", "hangulName", "names", "birthYear", "birth_year", "sex", "option",
                "dateTaken", "date", "timeZone", "time_zone", "placeTaken", "too_long"), result.errors());

        EventForms.Result empty = OpenCaseForm.toJson(Map.of());
        assertEquals(Map.of("category", "required", "hangulName", "names", "occurredAt", "required"),
                empty.errors());
        assertEquals("datetime", OpenCaseForm.toJson(Map.of("category", "DEFECTOR", "hangulName", "김",
                "occurredAt", "yesterday")).errors().get("occurredAt"));
        assertEquals("too_long", OpenCaseForm.toJson(Map.of("category", "DEFECTOR", "occurredAt",
                "2025-01-09T06:00", "romanizedNames", String.join("\n", java.util.Collections.nCopies(21, "Kim"))))
                .errors().get("romanizedNames"), "at most 20 names");
    }

    @Test
    void intakesPointersNameTheFormsFields() {
        assertEquals("hangulName", OpenCaseForm.field("/person/hangulName"));
        assertEquals("hangulName", OpenCaseForm.field("/person"), "no name at all is said at the Hangul name");
        assertEquals("romanizedNames", OpenCaseForm.field("/person/romanizedNames/1"));
        assertEquals("birthYear", OpenCaseForm.field("/person/birthYear"));
        assertEquals("dateTaken", OpenCaseForm.field("/dateTaken"));
        assertEquals("occurredAt", OpenCaseForm.field("/occurredAt"));
        assertNull(OpenCaseForm.field("/receivedAt"));
        assertNull(OpenCaseForm.field(null));

        ReportForm refused = OpenCaseForm.refused(Map.of("hangulName", "리광철"), new Problem(
                "https://homeward.org/problems/validation", "The request has invalid fields", 422, "2 fields",
                List.of(new Problem.FieldError("/person/romanizedNames/1", "must not be blank"),
                        new Problem.FieldError("/receivedAt", "must not be in the future"))), "not opened");
        assertEquals("must not be blank", refused.error("romanizedNames"));
        assertEquals(List.of("must not be in the future"), refused.otherErrors());
        assertEquals("The request has invalid fields: 2 fields", refused.failure());
        assertEquals("리광철", refused.value("hangulName"), "the values are kept");
    }

    @Test
    void aLocalTimeIsTakenInItsZoneAndAnOffsetAsGiven() {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        assertEquals("2025-01-09T06:00:00Z", When.utc("2025-01-09T15:00", seoul).orElseThrow());
        assertEquals("2025-01-09T06:00:30Z", When.utc("2025-01-09T15:00:30", seoul).orElseThrow());
        assertEquals("2025-01-09T06:00:00Z", When.utc("2025-01-09T06:00:00Z", seoul).orElseThrow(),
                "an instant with an offset keeps it");
        assertEquals("2025-01-09T06:00:00Z", When.utc("2025-01-09T06:00", ZoneOffset.UTC).orElseThrow());
        // Kyiv in summer (+03:00) and winter (+02:00).
        assertEquals("2025-07-01T09:00:00Z", When.utc("2025-07-01T12:00", ZoneId.of("Europe/Kyiv")).orElseThrow());
        assertEquals("2025-01-01T10:00:00Z", When.utc("2025-01-01T12:00", ZoneId.of("Europe/Kyiv")).orElseThrow());
        // A time the clocks skip moves forward by the gap; one they repeat is the earlier.
        ZoneId newYork = ZoneId.of("America/New_York");
        assertEquals("2025-03-09T07:30:00Z", When.utc("2025-03-09T02:30", newYork).orElseThrow());
        assertEquals("2025-11-02T05:30:00Z", When.utc("2025-11-02T01:30", newYork).orElseThrow());
        assertTrue(When.utc("soon", seoul).isEmpty());

        assertEquals(ZoneOffset.UTC, When.zone(null).orElseThrow());
        assertEquals(ZoneOffset.UTC, When.zone("").orElseThrow());
        assertEquals(seoul, When.zone(" Asia/Seoul ").orElseThrow());
        assertEquals(ZoneOffset.ofHours(9), When.zone("+09:00").orElseThrow());
        assertTrue(When.zone("Seoul").isEmpty());
        assertTrue(When.zone("x".repeat(65)).isEmpty());
    }

    @Test
    void theReportFormTakesOccurredAtInTheZoneToo() {
        EventForms.Result result = EventForms.toJson(Map.of("type", "NOTE_ADDED", "occurredAt", "2025-01-09T15:00",
                "timeZone", "Asia/Pyongyang", "NOTE_ADDED.text", "seen"), List.of());
        assertTrue(result.ok(), result.toString());
        assertEquals("2025-01-09T06:00:00Z", result.body().get("occurredAt"));
        assertFalse(result.body().containsKey("timeZone"), "the zone is not sent: occurredAt carries it");
        EventForms.Result bad = EventForms.toJson(Map.of("type", "NOTE_ADDED", "occurredAt", "2025-01-09T15:00",
                "timeZone", "Mars/Olympus", "NOTE_ADDED.text", "seen"), List.of());
        assertEquals(Map.of("timeZone", "time_zone"), bad.errors());
    }
}
