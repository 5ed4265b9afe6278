package org.homeward.notifications.delivery.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;

/**
 * What a webhook carries (its JSON body, in the Standard Webhooks shape {@code type}, {@code timestamp},
 * {@code data}) and what an e-mail says: ids, types, states, urgency, times and a link to the case. Never names,
 * places, letter contents or the rejection reason: whoever may see the person follows the link and is checked there.
 * A possible duplicate at another organisation names that organisation ({@code duplicateOpenedBy}), nothing of its
 * case.
 */
public record NotificationMessage(String type, Instant timestamp, Data data) {

    public static final String TYPE = "case.transition";

    /** The facts of one notification. */
    public record Data(
            UUID notificationId,
            UUID subscriptionId,
            UUID caseId,
            UUID eventId,
            EventType eventType,
            Category category,
            TransitionStatus status,
            CaseState fromState,
            CaseState toState,
            Urgency urgency,
            List<Alert> alerts,
            Instant occurredAt,
            Instant receivedAt,
            URI caseUrl,
            String duplicateOpenedBy) {
    }

    public static NotificationMessage of(UUID notificationId, UUID subscriptionId, CaseTransition t, Instant createdAt,
            URI caseUrl) {
        return new NotificationMessage(TYPE, createdAt, new Data(notificationId, subscriptionId, t.caseId(),
                t.eventId(), t.eventType(), t.category(), t.status(), t.fromState(), t.toState(), t.urgency(),
                t.alerts(), t.occurredAt(), t.receivedAt(), caseUrl, duplicateOpenedBy(t)));
    }

    /**
     * For a {@link Alert#POSSIBLE_DUPLICATE_ELSEWHERE} transition, the organisation that opened a case that may be the
     * same person (its {@code reportedBy}): all the owner needs to share its case with it. Null for any other.
     */
    public static String duplicateOpenedBy(CaseTransition t) {
        return t.alerts().contains(Alert.POSSIBLE_DUPLICATE_ELSEWHERE) ? t.reportedBy() : null;
    }

    /** The exact bytes of a webhook body (UTF-8 JSON); stored once so that every retry sends the same body. */
    public String toJson() {
        try {
            return EventCodec.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode notification " + data.notificationId(), e);
        }
    }

    public static NotificationMessage fromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, NotificationMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification message is not readable", e);
        }
    }

    @Override
    public String toString() {
        return "NotificationMessage[notification=" + data.notificationId() + ", case=" + data.caseId() + "]";
    }
}
