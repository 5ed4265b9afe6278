package org.homeward.support.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens already verified, each until the earliest of: its expiry, the end of its accepted age, and a short
 * time to live (so that a signing key withdrawn from the issuer's key set stops being honoured within that time).
 * Only tokens that passed verification are kept, keyed by the whole token text: a token that differs in one character
 * (another signature, a changed claim) is a different key and is verified in full. Bounded: when full, the expired
 * entries go, and if that is not enough, all of them (they are only verified again).
 *
 * @param <T> what verification produced (the parsed token)
 */
final class VerifiedTokens<T> {

    private record Entry<T>(T verified, long validUntilMillis) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long timeToLiveMillis;
    private final LongSupplier clock;

    VerifiedTokens(int maxEntries, long timeToLiveMillis, LongSupplier clockMillis) {
        if (maxEntries < 1 || timeToLiveMillis < 0) {
            throw new IllegalArgumentException("a positive size and a time to live of zero or more");
        }
        this.maxEntries = maxEntries;
        this.timeToLiveMillis = timeToLiveMillis;
        this.clock = clockMillis;
    }

    /** What verifying {@code token} produced, if it was verified and is still within its validity; null otherwise. */
    T get(String token) {
        Entry<T> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.validUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.verified();
    }

    /**
     * Keeps a verified token until {@code notAfterMillis} (its expiry, or the end of its accepted age, whichever comes
     * first) or the time to live from now, whichever comes first.
     */
    void put(String token, T verified, long notAfterMillis) {
        long now = clock.getAsLong();
        long until = Math.min(notAfterMillis, now + timeToLiveMillis);
        if (until <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now >= e.validUntilMillis());
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry<>(verified, until));
    }

    int size() {
        return entries.size();
    }
}
