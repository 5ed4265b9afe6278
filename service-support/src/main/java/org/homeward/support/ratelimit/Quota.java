package org.homeward.support.ratelimit;

/**
 * One organisation's quota: a token bucket of {@code burst} tokens, refilled at {@code rate} tokens a second.
 *
 * @param rate tokens a second an organisation may sustain
 * @param burst tokens an organisation may spend at once after a pause
 */
public record Quota(double rate, int burst) {

    public Quota {
        if (!(rate > 0) || burst < 1) {
            throw new IllegalArgumentException("homeward.rate-limit: rate must be > 0 and burst >= 1, not " + rate
                    + " and " + burst);
        }
    }
}
