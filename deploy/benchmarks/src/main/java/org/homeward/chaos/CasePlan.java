package org.homeward.chaos;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One person's case as a partner reports it: the opening, then its events in order, each with its own
 * {@code Idempotency-Key} and a distinct {@code occurredAt} (one day apart), so that every event the case service shows
 * can be matched to the one the partner sent by (type, occurredAt), whatever id it carries.
 */
final class CasePlan {

    /** A day per event from here: every event of a case happened on its own day, in the order it is sent. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private static final String[] FAMILY = {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
        "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Ryu", "Hong"};
    private static final String[] SYLLABLE = {"min", "jun", "seo", "hyun", "woo", "jin", "sung", "young", "ho",
        "chul", "su", "kyung", "dong", "hwan", "tae", "gyu", "nam", "il", "jae", "bum", "sang", "won", "hee", "yong",
        "gil", "man", "bok", "chan", "deok", "ik"};

    /** One event of the plan; filled in by the partner thread that sends it. */
    static final class Event {
        final CasePlan plan;
        final int index;
        final String type;
        final Instant occurredAt;
        final String key;
        volatile String body;
        /** The event id intake answered (the case id for the opening is in {@link CasePlan#caseId}). */
        volatile String eventId;
        volatile boolean accepted;
        volatile int attempts;
        /** Seconds since the run began when intake accepted it. */
        volatile double acceptedAt;

        Event(CasePlan plan, int index, String type, String key) {
            this.plan = plan;
            this.index = index;
            this.type = type;
            this.occurredAt = FIRST_DAY.plusDays(index).atStartOfDay().toInstant(ZoneOffset.UTC);
            this.key = key;
        }
    }

    final int number;
    final List<Event> events = new ArrayList<>();
    volatile String caseId;

    private CasePlan(int number) {
        this.number = number;
    }

    /**
     * {@code count} events for case {@code number}: CASE_OPENED, CAPTURED, then letters, proofs of life, family
     * contacts and notes, and at the end DEFECTION_INTENT_STATED, TRANSFER_REQUESTED and TRANSFERRED: every one legal
     * where it falls, so that each is APPLIED when taken in order.
     */
    static CasePlan of(String run, int number, int count) {
        CasePlan plan = new CasePlan(number);
        List<String> types = new ArrayList<>();
        String[] tail = {"DEFECTION_INTENT_STATED", "TRANSFER_REQUESTED", "TRANSFERRED"};
        if (count < 5) {
            String[] shortPlan = {"CASE_OPENED", "CAPTURED", "DEFECTION_INTENT_STATED", "TRANSFER_REQUESTED",
                "TRANSFERRED"};
            types.addAll(List.of(shortPlan).subList(0, Math.max(1, count)));
        } else {
            types.add("CASE_OPENED");
            types.add("CAPTURED");
            String[] middle = {"LETTER_RECEIVED", "PROOF_OF_LIFE", "FAMILY_CONTACT", "NOTE_ADDED"};
            for (int i = 0; i < count - 5; i++) {
                types.add(middle[i % middle.length]);
            }
            types.addAll(List.of(tail));
        }
        for (int i = 0; i < types.size(); i++) {
            plan.events.add(new Event(plan, i, types.get(i), "chaos-" + run + "-c" + number + "-e" + i));
        }
        return plan;
    }

    /** The request body of the opening: a name of its own per case (a few may still look alike: that is allowed). */
    String openingBody() {
        Event opening = events.get(0);
        String given = SYLLABLE[(number / FAMILY.length) % SYLLABLE.length] + "-"
                + SYLLABLE[(number / (FAMILY.length * SYLLABLE.length)) % SYLLABLE.length];
        String name = FAMILY[number % FAMILY.length] + " " + Character.toUpperCase(given.charAt(0)) + given.substring(1);
        return String.format(Locale.ROOT, """
                {"occurredAt": "%s", "category": "NORTH_KOREAN_POW",
                 "person": {"romanizedNames": ["%s"], "birthYear": %d, "sex": "MALE"},
                 "placeTaken": "Kursk oblast, Russia", "dateTaken": "%s"}""",
                opening.occurredAt, name, 1985 + number % 20, day(opening));
    }

    /** The request body of event {@code index} (not the opening), sent to {@code /cases/{caseId}/events}. */
    static String eventBody(Event e) {
        String at = e.occurredAt.toString();
        String day = day(e);
        String fields = switch (e.type) {
            case "CAPTURED" -> "\"heldBy\": \"Ukraine\", \"location\": \"Kursk front\"";
            case "LETTER_RECEIVED" -> "\"writer\": \"the soldier\", \"via\": \"a defector organisation\", "
                    + "\"writtenOn\": \"" + day + "\", \"receivedOn\": \"" + day + "\", \"language\": \"ko\", "
                    + "\"summary\": \"chaos letter " + e.index + "\", \"documentRef\": \"" + e.key + "\"";
            case "PROOF_OF_LIFE" -> "\"source\": \"Red Cross\", \"observedOn\": \"" + day + "\"";
            case "FAMILY_CONTACT" -> "\"kind\": \"CALL\", \"with\": \"his mother\"";
            case "NOTE_ADDED" -> "\"text\": \"chaos note " + e.key + "\"";
            case "DEFECTION_INTENT_STATED" -> "\"destination\": \"South Korea\", \"method\": \"LETTER\"";
            case "TRANSFER_REQUESTED" -> "\"requestedBy\": \"the soldier\", \"to\": \"South Korea\"";
            case "TRANSFERRED" -> "\"from\": \"Ukraine\", \"to\": \"South Korea\"";
            default -> throw new IllegalArgumentException(e.type);
        };
        return "{\"type\": \"" + e.type + "\", \"occurredAt\": \"" + at + "\", " + fields + "}";
    }

    private static String day(Event e) {
        return e.occurredAt.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
