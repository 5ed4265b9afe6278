package org.homeward.console.cases;

import java.time.DateTimeException;

import java.time.LocalDate;


import java.time.ZoneOffset;


import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The report form: which fields each event type has (docs/event-contract.md; required ones marked) and how a
 * submitted form becomes the JSON body of intake's {@code POST /api/v1/cases/{caseId}/events}. The form names the
 * type ({@code type}), when it happened ({@code occurredAt}, a date and time in the {@code timeZone} typed, UTC when
 * empty; {@link When}) and the type's own fields as
 * {@code TYPE.field} (each type has its own fieldset, so equal names of different types never mix). Empty optional
 * fields are left out; dates stay {@code YYYY-MM-DD}; choices must be one of the contract's values.
 */
public final class EventForms {

    /** How a field is entered. */
    public enum Kind {
        TEXT,
        TEXTAREA,
        DATE,
        CHOICE,
        /** An event of this case (a select of the timeline's entries). */
        EVENT,
        /** Only the events that can be retracted. */
        RETRACTABLE_EVENT
    }

    /** One field of an event type. */
    public record Field(String name, Kind kind, boolean required, List<String> options) {

        public Field {
            options = options == null ? List.of() : List.copyOf(options);
        }

        public boolean text() {
            return kind == Kind.TEXT;
        }

        public boolean textarea() {
            return kind == Kind.TEXTAREA;
        }

        public boolean date() {
            return kind == Kind.DATE;
        }

        public boolean choice() {
            return kind == Kind.CHOICE;
        }

        public boolean event() {
            return kind == Kind.EVENT;
        }

        public boolean retractable() {
            return kind == Kind.RETRACTABLE_EVENT;
        }
    }

    /** An event type and its fields, in the order of the form. */
    public record Spec(String type, List<Field> fields) {
        public Spec {
            fields = List.copyOf(fields);
        }
    }

    private static Field text(String name, boolean required) {
        return new Field(name, Kind.TEXT, required, List.of());
    }

    private static Field textarea(String name, boolean required) {
        return new Field(name, Kind.TEXTAREA, required, List.of());
    }

    private static Field date(String name, boolean required) {
        return new Field(name, Kind.DATE, required, List.of());
    }

    private static Field choice(String name, String... options) {
        return new Field(name, Kind.CHOICE, false, List.of(options));
    }

    /** Every event type a case can be reported with (all but CASE_OPENED, which opens a case). */
    public static final List<Spec> TYPES = List.of(
            new Spec("CAPTURED", List.of(text("heldBy", true), text("location", false))),
            new Spec("LETTER_RECEIVED", List.of(text("writer", false), text("via", false), date("writtenOn", false),
                    date("receivedOn", true), text("language", false), textarea("summary", false),
                    text("documentRef", false))),
            new Spec("DEFECTION_INTENT_STATED", List.of(text("destination", true),
                    choice("method", "LETTER", "INTERVIEW", "IN_PERSON", "INTERMEDIARY"),
                    new Field("evidenceEventId", Kind.EVENT, false, List.of()))),
            new Spec("TRANSFER_REQUESTED", List.of(text("requestedBy", false), text("to", true))),
            new Spec("TRANSFERRED", List.of(text("from", false), text("to", true))),
            new Spec("RESETTLED", List.of(text("place", false))),
            new Spec("RETURNED", List.of(choice("how", "ESCAPED", "RELEASED", "REPATRIATED"), text("to", false))),
            new Spec("DEATH_REPORTED", List.of(text("source", false), date("dateOfDeath", false))),
            new Spec("PROOF_OF_LIFE", List.of(text("source", false), date("observedOn", false))),
            new Spec("FAMILY_CONTACT", List.of(choice("kind", "VIDEO_REUNION", "REUNION", "MAIL", "CALL"),
                    text("with", false))),
            new Spec("NOTE_ADDED", List.of(textarea("text", true))),
            new Spec("CASE_CLOSED", List.of(text("reason", true))),
            new Spec("CASE_REOPENED", List.of(text("reason", true))),
            new Spec("CASE_SHARED", List.of(text("organisation", true), text("reason", false))),
            new Spec("CASE_UNSHARED", List.of(text("organisation", true), text("reason", false))),
            new Spec("EVENT_RETRACTED", List.of(new Field("eventId", Kind.RETRACTABLE_EVENT, true, List.of()),
                    text("reason", true))));

    /** Types whose entries a retraction may not name (intake refuses them: docs/state-machine.md). */
    public static final List<String> NOT_RETRACTABLE = List.of("CASE_OPENED", "CASE_SHARED", "CASE_UNSHARED",
            "EVENT_RETRACTED");

    private EventForms() {
    }

    public static Optional<Spec> spec(String type) {
        return TYPES.stream().filter(s -> s.type().equals(type)).findFirst();
    }

    /** The form's name of a type's field. */
    public static String key(String type, String field) {
        return type + "." + field;
    }

    /**
     * The body to send, or the errors found: keys {@code type}, {@code occurredAt} or {@code TYPE.field}, values the
     * codes {@code required}, {@code datetime}, {@code date}, {@code option}, {@code event_id}, {@code type}.
     *
     * @param form     the submitted fields
     * @param eventIds the case's event ids (a field naming an event must name one of them); empty: not checked
     */
    public static Result toJson(Map<String, String> form, Collection<String> eventIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String type = trimmed(form.get("type"));
        Optional<Spec> spec = spec(type);
        if (spec.isEmpty()) {
            errors.put("type", type == null ? "required" : "type");
            return new Result(Map.of(), errors);
        }
        body.put("type", type);
        occurredAt(form, body, errors);
        for (Field field : spec.get().fields()) {
            String key = key(type, field.name());
            String value = trimmed(form.get(key));
            if (value == null) {
                if (field.required()) {
                    errors.put(key, "required");
                }
                continue;
            }
            switch (field.kind()) {
                case DATE -> {
                    if (isDate(value)) {
                        body.put(field.name(), value);
                    } else {
                        errors.put(key, "date");
                    }
                }
                case CHOICE -> {
                    if (field.options().contains(value)) {
                        body.put(field.name(), value);
                    } else {
                        errors.put(key, "option");
                    }
                }
                case EVENT, RETRACTABLE_EVENT -> {
                    if (isUuid(value) && (eventIds.isEmpty() || eventIds.contains(value))) {
                        body.put(field.name(), value);
                    } else {
                        errors.put(key, "event_id");
                    }
                }
                default -> body.put(field.name(), value);
            }
        }
        return errors.isEmpty() ? new Result(body, Map.of()) : new Result(Map.of(), errors);
    }

    /** The outcome of reading a form: a body to send, or errors. */
    public record Result(Map<String, Object> body, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }

        @Override
        public String toString() {
            return "Result[fields=" + body.keySet() + ", errors=" + errors + "]";
        }
    }

    /**
     * A date-time input ({@code 2025-01-09T06:00}, seconds optional, taken as UTC) or an RFC 3339 instant with an
     * offset, as RFC 3339 in UTC ({@code 2025-01-09T06:00:00Z}).
     */
    static Optional<String> utc(String value) {
        return When.utc(value, ZoneOffset.UTC);
    }

    /**
     * Reads {@code occurredAt} in the form's {@code timeZone} (empty: UTC) into the body as RFC 3339 in UTC, or puts
     * the error: {@code occurredAt} {@code required} / {@code datetime}, {@code timeZone} {@code time_zone}.
     */
    static void occurredAt(Map<String, String> form, Map<String, Object> body, Map<String, String> errors) {
        String occurred = trimmed(form.get(When.OCCURRED_AT));
        Optional<java.time.ZoneId> zone = When.zone(form.get(When.TIME_ZONE));
        if (zone.isEmpty()) {
            errors.put(When.TIME_ZONE, "time_zone");
        }
        if (occurred == null) {
            errors.put(When.OCCURRED_AT, "required");
        } else if (zone.isPresent()) {
            Optional<String> instant = When.utc(occurred, zone.get());
            if (instant.isPresent()) {
                body.put(When.OCCURRED_AT, instant.get());
            } else {
                errors.put(When.OCCURRED_AT, "datetime");
            }
        }
    }

    /** A calendar date written YYYY-MM-DD. */
    static boolean isDate(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A form value without surrounding spaces; null when empty. */
    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        return t.isEmpty() ? null : t;
    }
}
