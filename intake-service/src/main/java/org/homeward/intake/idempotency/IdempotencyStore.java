package org.homeward.intake.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The idempotency keys partners send, per organisation, kept for {@code homeward.intake.idempotency-retention} (at
 * least 24 h). Every method runs in the caller's transaction: the key of a request is stored in the same transaction
 * that waited for Kafka's acknowledgement, so a key is only ever stored for what Kafka holds.
 *
 * <p>Two requests with one key at the same time: the first takes a transaction-scoped advisory lock on the key, the
 * second does not get it and is answered 409 at once; the lock ends with the first's transaction.
 */
@ApplicationScoped
public class IdempotencyStore {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "homeward.intake.idempotency-retention", defaultValue = "PT24H")
    Duration retention;

    Clock clock = Clock.systemUTC();

    /** Takes the key's lock for the current transaction; false when another transaction holds it. */
    public boolean tryLock(String organisation, String key) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, lockId(organisation, key))
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    /** The unexpired keys among {@code keys} of the organisation. */
    @SuppressWarnings("unchecked")
    public Map<String, StoredKey> find(String organisation, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("select idempotency_key, fingerprint, case_id, event_id "
                        + "from idempotency_keys where organisation = ?1 and idempotency_key in (?2) and expires_at > ?3")
                .setParameter(1, organisation)
                .setParameter(2, List.copyOf(keys))
                .setParameter(3, clock.instant())
                .getResultList();
        Map<String, StoredKey> found = new HashMap<>();
        for (Object[] row : rows) {
            found.put((String) row[0], new StoredKey((String) row[1], (UUID) row[2], (UUID) row[3]));
        }
        return found;
    }

    /** Stores a key (replacing an expired one of the same name). */
    public void remember(String organisation, String key, String fingerprint, UUID caseId, UUID eventId) {
        Instant now = clock.instant();
        em.createNativeQuery("insert into idempotency_keys (organisation, idempotency_key, fingerprint, case_id, "
                        + "event_id, created_at, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                        + "on conflict (organisation, idempotency_key) do update set fingerprint = excluded.fingerprint, "
                        + "case_id = excluded.case_id, event_id = excluded.event_id, created_at = excluded.created_at, "
                        + "expires_at = excluded.expires_at where idempotency_keys.expires_at <= ?6")
                .setParameter(1, organisation)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, caseId)
                .setParameter(5, eventId)
                .setParameter(6, now)
                .setParameter(7, now.plus(retention))
                .executeUpdate();
    }

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
