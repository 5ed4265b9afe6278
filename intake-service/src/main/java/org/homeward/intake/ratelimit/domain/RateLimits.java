package org.homeward.intake.ratelimit.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * How many events each organisation may submit: a token bucket of {@code burst} events refilled at {@code rate}
 * events a second ({@code homeward.intake.rate-limit.*}), with per-organisation overrides
 * ({@code homeward.intake.rate-limit.organisations.<organisation>.rate / .burst}) for a partner that needs more (a
 * ministry's import) or less.
 */
@ConfigMapping(prefix = "homeward.intake.rate-limit")
public interface RateLimits {

    /** Events a second an organisation may sustain. */
    @WithDefault("50")
    double rate();

    /** Events an organisation may send at once after a pause (at least one batch's worth: 1,000). */
    @WithDefault("2000")
    int burst();

    /** Quotas of particular organisations, by organisation id. */
    Map<String, Quota> organisations();

    interface Quota {
        double rate();

        int burst();
    }
}
