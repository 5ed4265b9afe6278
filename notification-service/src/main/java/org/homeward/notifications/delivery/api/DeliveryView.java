package org.homeward.notifications.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.notifications.subscription.api.SubscriptionView;
import org.homeward.notifications.subscription.domain.Channel;

/** A webhook or e-mail delivery with every attempt made so far, oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Delivery")
public record DeliveryView(
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b") UUID id,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f") UUID notificationId,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f") UUID subscriptionId,
        Channel channel,
        @Schema(implementation = String.class, format = "uuid", minLength = 36, maxLength = 36, pattern = SubscriptionView.UUID_PATTERN, examples = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c") UUID caseId,
        @Schema(description = "PENDING (waiting or in flight), DELIVERED, DEAD (dead-lettered after the last try or a "
                + "permanent refusal; replay with POST .../retry) or CANCELLED (its subscription was deleted). An attempt of "
                + "outcome UNKNOWN started and was never recorded (e.g. the service stopped mid-attempt): the delivery "
                + "was sent again with the same webhook-id or Message-ID",
                enumeration = {"PENDING", "DELIVERED", "DEAD", "CANCELLED"})
        String status,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:27Z", description = "When the next attempt is due (PENDING only)") Instant nextAttemptAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:01Z") Instant createdAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:06:12Z") Instant deliveredAt,
        @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-02T15:40:00Z") Instant deadAt,
        @Schema(description = "How the last failed attempt ended, e.g. \"HTTP 500\" or \"timeout\"", maxLength = 200)
        String lastError,
        @Schema(description = "Every attempt so far, oldest first", maxItems = 1000) List<Attempt> attempts) {

    /** One attempt: when, how long, how it ended, and when the next one was scheduled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DeliveryAttempt")
    public record Attempt(
            @Schema(description = "1 for the first attempt", minimum = "1", maximum = "1000") int attempt,
            @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:01Z") Instant startedAt,
            @Schema(minimum = "0", maximum = "86400000") long durationMs,
            @Schema(description = "DELIVERED, RETRY, DEAD or UNKNOWN (started, outcome never recorded)",
                    enumeration = {"DELIVERED", "RETRY", "DEAD", "UNKNOWN"})
            String outcome,
            @Schema(description = "The receiver's HTTP status, if it answered", minimum = "100", maximum = "599")
            Integer statusCode,
            @Schema(description = "How the attempt failed, e.g. \"HTTP 503\" or \"timeout\"", maxLength = 200)
            String error,
            @Schema(implementation = String.class, format = "date-time", maxLength = 35, examples = "2026-02-01T09:05:06Z") Instant nextAttemptAt) {
    }
}
