package org.homeward.support.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Each organisation's quota on this service's API ({@code homeward.rate-limit.*}): a token bucket of {@code burst}
 * tokens refilled at {@code rate} tokens a second, with per-organisation quotas
 * ({@code homeward.rate-limit.organisations.<organisation>.rate / .burst}) for a partner that needs more (a ministry's
 * import) or less. The defaults suit reads; intake, where a request may carry 1,000 events, sets its own.
 */
@ConfigMapping(prefix = "homeward.rate-limit")
public interface RateLimits {

    /** Tokens a second an organisation may sustain. */
    @WithDefault("20")
    double rate();

    /** Tokens an organisation may spend at once after a pause. */
    @WithDefault("200")
    int burst();

    /** Quotas of particular organisations, by organisation id. */
    Map<String, Organisation> organisations();

    /** The quota of one organisation named in {@link #organisations()}. */
    interface Organisation {
        double rate();

        int burst();
    }
}
