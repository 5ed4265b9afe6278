package org.homeward.notifications.delivery.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential back-off with jitter, honouring a receiver's
 * {@code Retry-After}, for a bounded number of attempts; then the delivery is dead-lettered.
 *
 * <p>After failed attempt {@code n} (1-based) of a series, the next attempt waits
 * {@code min(maxBackoff, initialBackoff * factor^(n-1))}, scaled by a random factor in {@code [1 - jitter, 1 + jitter]}
 * so that many deliveries failing together do not retry together; a {@code Retry-After} longer than that wins (capped
 * at {@code maxBackoff}). After attempt {@code attempts} nothing follows. With the defaults (10 attempts, 5 s,
 * factor 4, at most 6 h, jitter 0.2) the waits are 5 s, 20 s, 1 min 20 s, 5 min 20 s, 21 min 20 s, 1 h 25 min,
 * 5 h 41 min, 6 h, 6 h: about 19 h 35 min from the first attempt to the last.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, double factor, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (attempts < 1 || factor < 1 || jitter < 0 || jitter >= 1 || initialBackoff.isNegative()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /** The wait before attempt {@code failed + 1} without jitter, or empty when attempt {@code failed} was the last. */
    public Optional<Duration> nominalDelay(int failed) {
        if (failed >= attempts) {
            return Optional.empty();
        }
        double millis = initialBackoff.toMillis() * Math.pow(factor, failed - 1);
        return Optional.of(Duration.ofMillis((long) Math.min(maxBackoff.toMillis(), millis)));
    }

    /**
     * The wait before the next attempt after attempt {@code failed} of the series failed, or empty when the delivery
     * is dead. {@code random} is uniform in [0, 1).
     */
    public Optional<Duration> delayAfter(int failed, Optional<Duration> retryAfter, double random) {
        return nominalDelay(failed).map(nominal -> {
            long jittered = Math.round(nominal.toMillis() * (1 + jitter * (2 * random - 1)));
            long wait = Math.min(maxBackoff.toMillis(), jittered);
            if (retryAfter.isPresent()) {
                wait = Math.max(wait, Math.min(maxBackoff.toMillis(), retryAfter.get().toMillis()));
            }
            return Duration.ofMillis(Math.max(0, wait));
        });
    }
}
