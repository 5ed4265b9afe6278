package org.homeward.notifications.feed.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.notifications.subscription.api.SubscriptionView;

/**
 * A notification in an advocate's feed: {@code type} is the event type that caused it. Either one of the advocate's
 * own (from a FEED subscription: {@code subscriptionId} names it) or their organisation's critical alert
 * ({@code organisationWide}: a critical transition of a case the organisation may see, which reaches every advocate of
 * the organisation, subscribed or not; no {@code subscriptionId}). Ids, types, states, urgency,
 * times and the link to the case only; the case (and a rejection's reason) is behind the link. A type, category,
 * status, state or urgency the case service sent but this version does not know yet is left out, and so is an
 * unknown alert (the notification itself is kept; an unknown urgency counts as NORMAL for the feed's filter).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Notification")
public record NotificationView(
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f") UUID id,
        @Schema(description = "Position in the feed; the live stream's event id", minimum = "1",
                maximum = "9223372036854775807") long sequence,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", description = "The FEED subscription it came from; absent for an organisation-wide critical alert")
        UUID subscriptionId,
        @Schema(description = "true: the organisation's critical alert, which every advocate of the organisation "
                + "receives whether subscribed or not (acknowledged per advocate)") boolean organisationWide,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c") UUID caseId,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d") UUID eventId,
        EventType type,
        Category category,
        TransitionStatus status,
        CaseState fromState,
        CaseState toState,
        Urgency urgency,
        @Schema(maxItems = 7) List<Alert> alerts,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:00:00Z") Instant occurredAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:00Z") Instant receivedAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:01Z") Instant createdAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T10:12:00Z", description = "When the advocate acknowledged it; absent while unacknowledged")
        Instant ackedAt,
        @Schema(description = "The case in the case service (access is checked there)", maxLength = 2048,
                examples = "https://cases.homeward.example/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c")
        URI caseUrl,
        @Schema(description = "Only with the alert POSSIBLE_DUPLICATE_ELSEWHERE: the organisation that opened a case "
                + "that may be the same person as this one and may not see it. Nothing else of its case is told; share "
                + "this case with that organisation to compare them", maxLength = 200, examples = "partner-ngo")
        String duplicateOpenedBy) {
}
