package org.homeward.notifications.feed.domain;

import java.util.UUID;
import org.homeward.events.Urgency;

/** Filters of an advocate's feed; nulls mean "any". */
public record FeedQuery(UUID caseId, Urgency minUrgency, Boolean acked, UUID subscriptionId) {
}
