package org.homeward.support.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request found in its organisation's bucket: whether it got its tokens, the bucket after it, and when to
 * come back.
 *
 * @param allowed whether the request got its tokens
 * @param limit the bucket's size (the burst)
 * @param remaining whole tokens left
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds for a refused request, seconds until it would get its tokens; 0 when allowed
 */
public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

    /** The decision for a bucket holding {@code tokens} after a request that needed {@code needed} of them. */
    static Decision of(Quota quota, double needed, double tokens, boolean allowed) {
        long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((needed - tokens) / quota.rate()));
        long reset = (long) Math.ceil(Math.max(0, quota.burst() - tokens) / quota.rate());
        return new Decision(allowed, quota.burst(), (int) Math.floor(tokens), reset, retryAfter);
    }

    /** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", String.valueOf(limit));
        headers.put("RateLimit-Remaining", String.valueOf(remaining));
        headers.put("RateLimit-Reset", String.valueOf(resetSeconds));
        return headers;
    }
}
