package org.homeward.console.cases;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One timeline entry as case-service answers it; the event's own fields (those not named here) are kept in
 * {@link #fields()}. Personal data: {@link #toString()} prints the ids, type and status only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimelineEntry(
        long sequence,
        String eventId,
        String type,
        Instant occurredAt,
        Instant receivedAt,
        Instant recordedAt,
        String reportedBy,
        String submittedBy,
        String status,
        String reason,
        String fromState,
        String toState,
        List<String> alerts,
        String urgency,
        String retractedBy,
        String retractedByOrganisation,
        Instant retractedAt,
        String retractionReason,
        @JsonAnySetter Map<String, Object> fields) {

    public TimelineEntry {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        fields = fields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(fields);
    }

    public boolean rejected() {
        return "REJECTED".equals(status);
    }

    public boolean retracted() {
        return "RETRACTED".equals(status);
    }

    /** The organisation that retracted the entry, or empty. */
    public String retractor() {
        return retractedByOrganisation == null ? "" : retractedByOrganisation;
    }

    public boolean movedState() {
        return fromState != null && toState != null && !fromState.equals(toState);
    }

    /** The event's own fields as name and text, in their order (objects and lists written plainly). */
    public List<Detail> details() {
        List<Detail> details = new ArrayList<>();
        Map<String, Object> flat = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if ("event".equals(name) && value instanceof Map<?, ?> clashing) {
                clashing.forEach((k, v) -> flat.put(String.valueOf(k), v));
            } else {
                flat.put(name, value);
            }
        });
        flat.forEach((name, value) -> {
            if (value != null) {
                details.add(new Detail(name, value instanceof List<?> list ? String.join(", ",
                        list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
            }
        });
        return details;
    }

    /** One of the event's fields. */
    public record Detail(String name, String value) {
        @Override
        public String toString() {
            return "Detail[" + name + "]";
        }
    }

    @Override
    public String toString() {
        return "TimelineEntry[eventId=" + eventId + ", type=" + type + ", status=" + status + "]";
    }
}
