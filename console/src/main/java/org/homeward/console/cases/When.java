package org.homeward.console.cases;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * When something happened, as a person enters it: a date and time ({@code datetime-local}) in their own time zone
 * (the {@code timeZone} field, which the console's script fills with the browser's zone; empty means UTC), or an RFC
 * 3339 instant with an offset. The APIs get RFC 3339 in UTC, to the second.
 */
public final class When {

    /** The form fields. */
    public static final String OCCURRED_AT = "occurredAt";
    public static final String TIME_ZONE = "timeZone";

    /** Zones offered in the time zone field's list (any IANA zone or offset may be typed). */
    public static final List<String> SUGGESTED_ZONES = List.of("Asia/Seoul", "Asia/Pyongyang", "Asia/Tokyo",
            "Asia/Shanghai", "Asia/Vladivostok", "Asia/Bangkok", "Asia/Ulaanbaatar", "Europe/Kyiv", "Europe/Moscow",
            "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "UTC");

    private When() {
    }

    /** The zone typed, UTC when empty; empty when it names no zone. */
    public static Optional<ZoneId> zone(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(ZoneOffset.UTC);
        }
        String zone = value.strip();
        if (zone.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A date-time input ({@code 2025-01-09T15:00}, seconds optional) taken in {@code zone}, or an RFC 3339 instant
     * with an offset (the zone then does not matter), as RFC 3339 in UTC ({@code 2025-01-09T06:00:00Z}). A local time
     * that a change of clocks skips is moved forward by the gap; one that occurs twice is the earlier.
     */
    public static Optional<String> utc(String value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeException local) {
            try {
                instant = OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeException offset) {
                return Optional.empty();
            }
        }
        return Optional.of(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }
}
