package org.homeward.intake.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The idempotency keys partners send, per organisation, kept for {@code homeward.intake.idempotency-retention} (at
 * least 24 h): their fingerprints, lock ids and purge. The key of a request is stored in the same transaction that
 * waited for Kafka's acknowledgement, so a key is only ever stored for what Kafka holds; the request's statements
 * (lock, lookup, store) are {@code AcceptStore}'s, on the request's connection.
 *
 * <p>Two requests with one key at the same time: the first takes a transaction-scoped advisory lock on the key
 * ({@link #lockId}), the second does not get it and is answered 409 at once; the lock ends with the first's
 * transaction.
 */
@ApplicationScoped
public class IdempotencyStore {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "homeward.intake.idempotency-retention", defaultValue = "PT24H")
    Duration retention;

    Clock clock = Clock.systemUTC();

    /** Deletes up to {@code limit} expired keys; answers how many. */
    public int purgeExpired(int limit) {
        return em.createNativeQuery("delete from idempotency_keys where ctid = any(array(select ctid from "
                        + "idempotency_keys where expires_at <= ?1 limit ?2))")
                .setParameter(1, clock.instant())
                .setParameter(2, limit)
                .executeUpdate();
    }

    public Duration retention() {
        return retention;
    }

    /** SHA-256 of the parts, hex: what a request asked, without keeping what it said. */
    public static String fingerprint(String... parts) {
        return hex(sha256(String.join("\n", parts)));
    }

    /** A 64-bit advisory lock id for (organisation, key). */
    public static long lockId(String organisation, String key) {
        byte[] hash = sha256("idempotency-key\n" + organisation + "\n" + key);
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (hash[i] & 0xff);
        }
        return id;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
