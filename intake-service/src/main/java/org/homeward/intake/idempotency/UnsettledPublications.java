package org.homeward.intake.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keyed publications whose outcome is not known (the record may be in Kafka; no acknowledgement came), per
 * organisation and Idempotency-Key, so that the retry with the same key can settle it: find the event in case-events
 * and answer with its ids, or publish it. The request's statements (find, record, settle) are {@code AcceptStore}'s, on
 * the request's connection, under the key's advisory lock; this class keeps the record's shape and the purge.
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
