package org.homeward.console.subscriptions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** A webhook or e-mail delivery with its attempts, oldest first (notification-service's shape: ids, times, codes). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(String id, String notificationId, String subscriptionId, String channel, String caseId,
        String status, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Instant deadAt, String lastError,
        List<Attempt> attempts) {

    public Delivery {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A dead delivery: an advocate may replay it. */
    public boolean replayable() {
        return "DEAD".equals(status);
    }

    /** One attempt: when, how long, how it ended, the receiver's HTTP status, the next try. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attempt(int attempt, Instant startedAt, long durationMs, String outcome, Integer statusCode,
            String error, Instant nextAttemptAt) {
    }
}
