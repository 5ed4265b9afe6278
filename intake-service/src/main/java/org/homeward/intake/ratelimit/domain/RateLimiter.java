package org.homeward.intake.ratelimit.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Rate limits per organisation (OWASP API4:2023): one token bucket per organisation, in this instance's memory. Each
 * event costs one token (a batch or an import costs one per item); a request that finds too few tokens is refused
 * whole with {@code 429 too-many-requests} and {@code Retry-After}, and publishes nothing. Every answer of a limited
 * operation carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}
 * ({@link RateLimitHeaders}).
 *
 * <p>The buckets are per instance: with N intake replicas behind a load balancer an organisation can reach up to N
 * times its quota (the load balancer spreads it), so set the quota per replica (the fleet's intended quota divided by
 * the replicas). A limit keyed on the verified token's organisation cannot be dodged by changing a header.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    RateLimits limits;

    @Inject
    RateLimitHeaders headers;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes {@code cost} tokens from the organisation's bucket, or refuses the request with 429. A cost larger than
     * the burst takes the whole (full) bucket, so a batch larger than the burst is not refused forever.
     */
    public void take(String organisation, int cost) {
        Bucket bucket = buckets.computeIfAbsent(organisation, this::bucket);
        Decision decision = bucket.take(Math.max(1, cost), System.nanoTime());
        headers.remember(decision);
        if (!decision.allowed()) {
            Map<String, String> answer = new LinkedHashMap<>(decision.headers());
            answer.put("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "This organisation sent more "
                    + "events than its quota (" + decision.limit() + " at once, then " + bucket.rate
                    + " a second); nothing was published. Send the request again after Retry-After seconds."),
                    answer);
        }
    }

    private Bucket bucket(String organisation) {
        RateLimits.Quota quota = limits.organisations().get(organisation);
        return quota == null ? new Bucket(limits.rate(), limits.burst()) : new Bucket(quota.rate(), quota.burst());
    }

    /** What one request found: allowed or not, the bucket after it, and when to come back. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

        /** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers). */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("RateLimit-Limit", String.valueOf(limit));
            headers.put("RateLimit-Remaining", String.valueOf(remaining));
            headers.put("RateLimit-Reset", String.valueOf(resetSeconds));
            return headers;
        }
    }

    /** A token bucket; synchronized per organisation. */
    static final class Bucket {
        final double rate;
        final int burst;
        private double tokens;
        private long updated;
        private boolean started;

        Bucket(double rate, int burst) {
            if (rate <= 0 || burst < 1) {
                throw new IllegalArgumentException("homeward.intake.rate-limit: rate must be > 0 and burst >= 1");
            }
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized Decision take(int cost, long now) {
            if (started) {
                tokens = Math.min(burst, tokens + (now - updated) / 1e9 * rate);
            }
            started = true;
            updated = now;
            double needed = Math.min(cost, burst);
            boolean allowed = tokens >= needed;
            if (allowed) {
                tokens -= needed;
            }
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((needed - tokens) / rate));
            long reset = (long) Math.ceil((burst - tokens) / rate);
            return new Decision(allowed, burst, (int) Math.floor(tokens), reset, retryAfter);
        }
    }
}
