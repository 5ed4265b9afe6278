package org.homeward.notifications.delivery.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * How one attempt ended. {@code error} is a short description written by Homeward (never a receiver's body or an
 * exception message, which could carry anything).
 */
public record AttemptResult(Kind kind, Integer statusCode, String error, Optional<Duration> retryAfter) {

    /** Delivered; worth another try (timeouts, connection failures, 408, 429, 5xx); or never worth another try. */
    public enum Kind {
        DELIVERED,
        RETRYABLE,
        PERMANENT
    }

    public static AttemptResult delivered(Integer statusCode) {
        return new AttemptResult(Kind.DELIVERED, statusCode, null, Optional.empty());
    }

    public static AttemptResult retryable(Integer statusCode, String error, Optional<Duration> retryAfter) {
        return new AttemptResult(Kind.RETRYABLE, statusCode, error, retryAfter);
    }

    public static AttemptResult permanent(Integer statusCode, String error) {
        return new AttemptResult(Kind.PERMANENT, statusCode, error, Optional.empty());
    }
}
