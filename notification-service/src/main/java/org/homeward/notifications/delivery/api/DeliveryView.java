package org.homeward.notifications.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.notifications.subscription.domain.Channel;

/** A webhook or e-mail delivery with every attempt made so far, oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Delivery")
public record DeliveryView(
        UUID id,
        UUID notificationId,
        UUID subscriptionId,
        Channel channel,
        UUID caseId,
        @Schema(description = "PENDING (waiting or in flight), DELIVERED, DEAD (dead-lettered after the last try or a "
                + "permanent refusal; replay with POST .../retry) or CANCELLED (its subscription was deleted). An attempt of "
                + "outcome UNKNOWN started and was never recorded (e.g. the service stopped mid-attempt): the delivery "
                + "was sent again with the same webhook-id or Message-ID")
        String status,
        @Schema(description = "When the next attempt is due (PENDING only)") Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt,
        Instant deadAt,
        @Schema(description = "How the last failed attempt ended, e.g. \"HTTP 500\" or \"timeout\"") String lastError,
        List<Attempt> attempts) {

    /** One attempt: when, how long, how it ended, and when the next one was scheduled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DeliveryAttempt")
    public record Attempt(
            int attempt,
            Instant startedAt,
            long durationMs,
            @Schema(description = "DELIVERED, RETRY, DEAD or UNKNOWN (started, outcome never recorded)")
            String outcome,
            @Schema(description = "The receiver's HTTP status, if it answered") Integer statusCode,
            String error,
            Instant nextAttemptAt) {
    }
}
