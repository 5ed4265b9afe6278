package org.homeward.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as it travels on Kafka.
 *
 * <p>{@code subject} is the case id (also the Kafka key, so one person's events stay ordered); {@code time} is when
 * the thing happened. Extension attributes: {@code receivedat} (when Homeward accepted it), {@code reportedby} (the
 * reporting organisation) and {@code submittedby} (who at that organisation sent it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<D>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        Instant receivedat,
        String reportedby,
        String submittedby,
        D data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** A case event: its CloudEvents type follows from the payload. */
    public static CloudEvent<CaseEventData> caseEvent(UUID eventId, UUID caseId, String source, Instant occurredAt,
            Instant receivedAt, String reportedBy, String submittedBy, CaseEventData data) {
        return new CloudEvent<>(SPEC_VERSION, eventId, source, data.type().cloudEventType(), caseId.toString(),
                occurredAt, JSON, receivedAt, reportedBy, submittedBy, data);
    }

    /** A transition published by the case service. */
    public static CloudEvent<CaseTransition> transition(CaseTransition transition, String source) {
        return new CloudEvent<>(SPEC_VERSION, transition.transitionId(), source, CaseTransition.CLOUD_EVENT_TYPE,
                transition.caseId().toString(), transition.recordedAt(), JSON, transition.receivedAt(),
                transition.reportedBy(), null, transition);
    }

    public UUID caseId() {
        return UUID.fromString(subject);
    }

    @Override
    public String toString() {
        return "CloudEvent[id=" + id + ", type=" + type + ", subject=" + subject + "]";
    }
}
