package org.homeward.notifications.feed.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.notifications.feed.persistence.Notification;

/** A notification as the API shows it: {@code type} is the event type that caused it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        UUID id,
        UUID caseId,
        UUID eventId,
        EventType type,
        Category category,
        TransitionStatus status,
        CaseState fromState,
        CaseState toState,
        Urgency urgency,
        List<Alert> alerts,
        String reason,
        Instant occurredAt,
        Instant createdAt) {

    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {
    };

    static NotificationView of(Notification n) {
        try {
            return new NotificationView(n.id, n.caseId, n.eventId, n.eventType, n.category, n.status, n.fromState,
                    n.toState, n.urgency, EventCodec.mapper().readValue(n.alerts, ALERTS), n.reason, n.occurredAt,
                    n.createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alerts are not readable", e);
        }
    }
}
