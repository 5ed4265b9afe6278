package org.homeward.notifications.feed.domain;

import java.util.UUID;
import org.homeward.events.Category;
import org.homeward.events.Urgency;

/**
 * Filters of an advocate's feed; nulls mean "any". {@code organisationWide}: true, only the organisation's critical
 * alerts; false, only the advocate's own notifications.
 */
public record FeedQuery(UUID caseId, Urgency minUrgency, Category category, Boolean acked, UUID subscriptionId,
        Boolean organisationWide) {
}
