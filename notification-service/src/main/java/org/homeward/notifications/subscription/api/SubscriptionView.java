package org.homeward.notifications.subscription.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.notifications.subscription.persistence.Subscription;

/** A subscription as its advocate sees it. {@code secret} appears once: in the answer that created a webhook. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Subscription")
public record SubscriptionView(
        UUID id,
        Channel channel,
        @Schema(description = "The https URL (WEBHOOK) or e-mail address (EMAIL); absent for FEED",
                example = "https://alerts.example.org/homeward") String target,
        @Schema(description = "Only these cases; empty: any case") List<UUID> caseIds,
        @Schema(description = "Only these categories; empty: any") List<Category> categories,
        @Schema(description = "Only these event types; empty: any. Critical alerts pass regardless")
        List<EventType> eventTypes,
        @Schema(description = "Only transitions at least this urgent. Critical alerts pass regardless")
        Urgency minUrgency,
        Instant createdAt,
        @Schema(description = "The signing secret of a webhook (whsec_...), shown only in the answer to its creation")
        String secret) {

    static SubscriptionView of(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.channel, s.target, List.of(s.caseIds),
                Arrays.stream(s.categories).map(Category::valueOf).toList(),
                Arrays.stream(s.eventTypes).map(EventType::valueOf).toList(), s.minUrgency, s.createdAt, secret);
    }

    @Override
    public String toString() {
        return "SubscriptionView[id=" + id + ", channel=" + channel + "]";
    }
}
