package org.homeward.intake.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
 * Keyed publications whose outcome is not known (the record may be in Kafka; no acknowledgement came), per
 * organisation and Idempotency-Key, so that the retry with the same key can settle it: find the event in case-events
 * and answer with its ids, or publish it. Runs in the caller's transaction, under the key's advisory lock.
 */
@ApplicationScoped
public class UnsettledPublications {

    /** An attempt that may have stored {@code eventId} of {@code caseId} in Kafka, sent at {@code attemptedAt}. */
    public record Unsettled(String fingerprint, UUID caseId, UUID eventId, Instant attemptedAt) {
    }

    @Inject
    EntityManager em;

    @ConfigProperty(name = "homeward.intake.idempotency-retention", defaultValue = "PT24H")
    Duration retention;

    Clock clock = Clock.systemUTC();

    @SuppressWarnings("unchecked")
    public Map<String, Unsettled> find(String organisation, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("select idempotency_key, fingerprint, case_id, event_id, "
                        + "attempted_at from unsettled_publications where organisation = ?1 and idempotency_key in (?2)")
                .setParameter(1, organisation)
                .setParameter(2, List.copyOf(keys))
                .getResultList();
        Map<String, Unsettled> found = new HashMap<>();
        for (Object[] row : rows) {
            found.put((String) row[0], new Unsettled((String) row[1], (UUID) row[2], (UUID) row[3], instant(row[4])));
        }
        return found;
    }

    /** Records an attempt whose outcome is unknown; the first attempt's time stands (the search starts there). */
    public void remember(String organisation, String key, String fingerprint, UUID caseId, UUID eventId,
            Instant attemptedAt) {
        em.createNativeQuery("insert into unsettled_publications (organisation, idempotency_key, fingerprint, case_id, "
                        + "event_id, attempted_at) values (?1, ?2, ?3, ?4, ?5, ?6) "
                        + "on conflict (organisation, idempotency_key) do nothing")
                .setParameter(1, organisation)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, caseId)
                .setParameter(5, eventId)
                .setParameter(6, attemptedAt)
                .executeUpdate();
    }

    /** The outcome is known now (the key is stored, or the event was published again and acknowledged). */
    public void settled(String organisation, String key) {
        em.createNativeQuery("delete from unsettled_publications where organisation = ?1 and idempotency_key = ?2")
                .setParameter(1, organisation)
                .setParameter(2, key)
                .executeUpdate();
    }

    /** Deletes up to {@code limit} attempts older than the idempotency retention; answers how many. */
    public int purgeExpired(int limit) {
        return em.createNativeQuery("delete from unsettled_publications where ctid = any(array(select ctid from "
                        + "unsettled_publications where attempted_at <= ?1 limit ?2))")
                .setParameter(1, clock.instant().minus(retention))
                .setParameter(2, limit)
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
