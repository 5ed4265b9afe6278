package org.homeward.notifications.subscription.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                examples = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f") UUID id,
        Channel channel,
        @Schema(description = "The https URL (WEBHOOK) or e-mail address (EMAIL); absent for FEED",
                examples = "https://alerts.example.org/homeward", maxLength = 2048) String target,
        @Schema(description = "Only these cases; empty: any case", type = SchemaType.ARRAY, maxItems = 100,
                implementation = CaseIdSchema.class) List<UUID> caseIds,
        @Schema(description = "Only these categories; empty: any", maxItems = 6) List<Category> categories,
        @Schema(description = "Only these event types; empty: any. Critical alerts pass regardless", maxItems = 17)
        List<EventType> eventTypes,
        @Schema(description = "Only transitions at least this urgent. Critical alerts pass regardless")
        Urgency minUrgency,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35,
                examples = "2026-02-01T09:00:00Z") Instant createdAt,
        @Schema(description = "The signing secret of a webhook (whsec_...), shown only in the answer to its creation",
                maxLength = 100, pattern = "^whsec_[A-Za-z0-9+/=]+$",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

    /** The pattern of a UUID in the OpenAPI document. */
    public static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    static SubscriptionView of(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.channel, s.target, List.of(s.caseIds),
                Arrays.stream(s.categories).map(Category::valueOf).toList(),
                Arrays.stream(s.eventTypes).map(EventType::valueOf).toList(), s.minUrgency, s.createdAt, secret);
    }

    @Override
    public String toString() {
        return "SubscriptionView[id=" + id + ", channel=" + channel + "]";
    }

    /** Only the OpenAPI document's schema of one case id in {@code caseIds}; never instantiated. */
    @Schema(name = "CaseId", type = SchemaType.STRING, format = "uuid", minLength = 36, maxLength = 36,
            pattern = UUID_PATTERN, examples = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c")
    interface CaseIdSchema {
    }
}
