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
        UUID id,
        @Schema(description = "Position in the feed; the live stream's event id") long sequence,
        @Schema(description = "The FEED subscription it came from; absent for an organisation-wide critical alert")
        UUID subscriptionId,
        @Schema(description = "true: the organisation's critical alert, which every advocate of the organisation "
                + "receives whether subscribed or not (acknowledged per advocate)") boolean organisationWide,
        UUID caseId,
        UUID eventId,
        EventType type,
        Category category,
        TransitionStatus status,
        CaseState fromState,
        CaseState toState,
        Urgency urgency,
        List<Alert> alerts,
        Instant occurredAt,
        Instant receivedAt,
        Instant createdAt,
        @Schema(description = "When the advocate acknowledged it; absent while unacknowledged") Instant ackedAt,
        URI caseUrl) {
}
