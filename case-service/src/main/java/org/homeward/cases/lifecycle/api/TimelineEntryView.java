package org.homeward.cases.lifecycle.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;

/** One timeline entry: what happened, when, who reported it, what the case service did with it, and its fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A timeline entry; the event's own fields (e.g. heldBy, to) appear beside these, except those "
        + "whose names the entry uses itself (a retraction's eventId, a closing's reason), which appear in `event`",
        additionalProperties = Schema.True.class)
public record TimelineEntryView(
        @Schema(description = "The arrival order of the entry among all of Homeward's events (ascending, with gaps)")
        long sequence,
        UUID eventId,
        EventType type,
        Instant occurredAt,
        Instant receivedAt,
        Instant recordedAt,
        String reportedBy,
        String submittedBy,
        TransitionStatus status,
        String reason,
        CaseState fromState,
        CaseState toState,
        List<Alert> alerts,
        Urgency urgency,
        @Schema(description = "The EVENT_RETRACTED that took this entry back (status RETRACTED)") UUID retractedBy,
        @Schema(description = "The organisation that retracted it") String retractedByOrganisation,
        @Schema(description = "When the retraction happened") Instant retractedAt,
        @Schema(description = "Why it was retracted") String retractionReason,
        @JsonIgnore Map<String, Object> fields) {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {
    };

    /** The entry's own field names: an event field of the same name goes into {@code event} instead. */
    private static final java.util.Set<String> OWN = java.util.Arrays.stream(TimelineEntryView.class
            .getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The event's own fields beside the entry's; those whose names the entry uses itself (a retraction's
     * {@code eventId}, a closing's {@code reason}) under {@code event}, so that no key appears twice.
     */
    @JsonAnyGetter
    public Map<String, Object> eventFields() {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        Map<String, Object> clashing = new java.util.LinkedHashMap<>();
        fields.forEach((name, value) -> (OWN.contains(name) || name.equals("event") ? clashing : flat)
                .put(name, value));
        if (!clashing.isEmpty()) {
            flat.put("event", clashing);
        }
        return flat;
    }

    /** The view of an entry whose fields ({@code data}) and reasons were opened. */
    static TimelineEntryView of(TimelineEntry e, String data, String reason, String retractionReason) {
        try {
            return new TimelineEntryView(e.seq, e.eventId, e.type, e.occurredAt, e.receivedAt, e.recordedAt, e.reportedBy,
                    e.submittedBy, e.status, reason, e.fromState, e.toState,
                    EventCodec.mapper().readValue(e.alerts, ALERTS), e.urgency, e.retractedBy,
                    e.retractedByOrganisation, e.retractedAt, retractionReason,
                    EventCodec.mapper().readValue(data, MAP));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored timeline entry is not readable", ex);
        }
    }

    @Override
    public String toString() {
        return "TimelineEntryView[eventId=" + eventId + ", type=" + type + ", status=" + status + "]";
    }
}
