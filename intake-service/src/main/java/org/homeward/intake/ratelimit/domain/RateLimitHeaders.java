package org.homeward.intake.ratelimit.domain;

import jakarta.enterprise.context.RequestScoped;
import java.util.Map;

/** The rate-limit decision of the current request, for the response filter to put in the answer's headers. */
@RequestScoped
public class RateLimitHeaders {

    private RateLimiter.Decision decision;

    void remember(RateLimiter.Decision decision) {
        this.decision = decision;
    }

    /** The RateLimit-* headers of this request's answer; empty when the request took no tokens. */
    public Map<String, String> headers() {
        return decision == null ? Map.of() : decision.headers();
    }
}
