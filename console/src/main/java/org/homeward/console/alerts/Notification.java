package org.homeward.console.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A notification of the advocate's feed (notification-service's shape: ids, types, states, urgency, times only).
 * {@code organisationWide}: their organisation's critical alert, which reaches every advocate of it, subscribed or not
 * (false when an older notification-service does not send it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(String id, long sequence, String subscriptionId, boolean organisationWide, String caseId,
        String eventId,
        String type, String category, String status, String fromState, String toState, String urgency,
        List<String> alerts, Instant occurredAt, Instant receivedAt, Instant createdAt, Instant ackedAt) {

    public Notification {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    public boolean acked() {
        return ackedAt != null;
    }

    public boolean critical() {
        return "CRITICAL".equals(urgency) || alerts.contains("FORCED_REPATRIATION_RISK")
                || alerts.contains("LIFE_AFTER_DEATH");
    }
}
