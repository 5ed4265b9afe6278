package org.homeward.cases.protection.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ApplicationLifecycleManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.ErasedEventException;
import org.homeward.events.EventCodec;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.homeward.support.messaging.RetryInPlace;
import org.jboss.logging.Logger;

/**
 * The keys that open the data of {@code case-events} ({@link EventCodec#decodeCaseEvent(byte[], EventCodec.CaseKeys)}):
 * one per case, learned from the compacted topic {@code case-keys} ({@link #learn}) and kept in {@code event_keys} as
 * they came, wrapped by the case-events key ring that only intake-service and this service hold.
 *
 * <p>Intake publishes a case's key, and waits for Kafka's acknowledgement, before the first event sealed under it, but
 * the two topics are read by two consumers: an event may be read before its key. {@link #of} then waits for the key,
 * for as long as it takes (the case's later events wait behind it, as they must), and logs while it waits. A key that
 * was destroyed (the case was erased) answers {@link ErasedEventException}: the record is passed over.
 */
@ApplicationScoped
public class EventKeys {

    private static final Logger LOG = Logger.getLogger(EventKeys.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    CaseEventKeyRing ring;

    @ConfigProperty(name = "homeward.crypto.event-keys.cache-size", defaultValue = "10000")
    int cacheSize;

    @ConfigProperty(name = "homeward.crypto.event-keys.wait-log-interval", defaultValue = "PT10S")
    Duration waitLogInterval;

    private final LinkedHashMap<UUID, SecretKey> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SecretKey> eldest) {
            return size() > cacheSize;
        }
    };

    /** A key as stored: wrapped, or destroyed (null); absent when it has not arrived. */
    private record Stored(String wrapped) {
    }

    /**
     * The key of the case, waiting until it has arrived from {@code case-keys}; {@link ErasedEventException} when it
     * was destroyed; {@link RetryInPlace.Stopped} when the service stops while waiting (the record is then left for
     * the partition's next owner).
     */
    public SecretKey of(UUID caseId) {
        synchronized (cache) {
            SecretKey cached = cache.get(caseId);
            if (cached != null) {
                return cached;
            }
        }
        long waitingSince = System.nanoTime();
        long lastLog = waitingSince;
        long pause = 20;
        while (true) {
            try {
                Stored stored = load(caseId);
                if (stored != null) {
                    if (stored.wrapped() == null) {
                        throw new ErasedEventException(caseId);
                    }
                    SecretKey key = ring.unwrap(caseId, stored.wrapped());
                    synchronized (cache) {
                        cache.put(caseId, key);
                    }
                    return key;
                }
            } catch (SQLException | RuntimeException e) {
                if (e instanceof ErasedEventException erased) {
                    throw erased;
                }
                if (System.nanoTime() - lastLog > waitLogInterval.toNanos()) {
                    // A key that does not unwrap is a key ring without the key that wrapped it: configuration.
                    LOG.errorf("The key of case %s cannot be read (%s); its events wait", caseId,
                            e.getClass().getSimpleName());
                    lastLog = System.nanoTime();
                }
            }
            if (ApplicationLifecycleManager.isVmShuttingDown()) {
                throw new RetryInPlace.Stopped();
            }
            if (System.nanoTime() - lastLog > waitLogInterval.toNanos()) {
                LOG.warnf("Waiting %d s for the key of case %s from case-keys; its events wait behind it",
                        Duration.ofNanos(System.nanoTime() - waitingSince).toSeconds(), caseId);
                lastLog = System.nanoTime();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryInPlace.Stopped();
            }
            pause = Math.min(pause * 2, 1000);
        }
    }

    /**
     * Stores what {@code case-keys} says, in the caller's transaction and in order: a key (a copy that comes again
     * replaces the stored one, as a new wrapping of the same key would), or its destruction, which nothing undoes.
     */
    public void learn(List<CaseKeyRecord> records) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement key = db.prepareStatement("insert into event_keys (case_id, wrapped) values (?, ?) "
                        + "on conflict (case_id) do update set wrapped = excluded.wrapped "
                        + "where event_keys.destroyed_at is null");
                PreparedStatement destroyed = db.prepareStatement(DESTROY)) {
            for (CaseKeyRecord record : records) {
                if (record.isDestroyed()) {
                    key.executeBatch();
                    destroyed.setObject(1, record.caseId());
                    destroyed.executeUpdate();
                    forget(record.caseId());
                } else {
                    key.setObject(1, record.caseId());
                    key.setString(2, record.wrapped());
                    key.addBatch();
                }
            }
            key.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + records.size() + " case keys failed: " + e.getSQLState(), e);
        }
    }

    /** Destroys the case's key in the caller's transaction (its erasure): its records on case-events stop opening. */
    public void destroy(UUID caseId) {
        forget(caseId);
        em.createNativeQuery(DESTROY.replace("?", "?1")).setParameter(1, caseId).executeUpdate();
    }

    private static final String DESTROY = "insert into event_keys (case_id, wrapped, destroyed_at) values (?, null, "
            + "now()) on conflict (case_id) do update set wrapped = null, "
            + "destroyed_at = coalesce(event_keys.destroyed_at, now())";

    private Stored load(UUID caseId) throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement("select wrapped from event_keys where case_id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Stored(rs.getString(1)) : null;
            }
        }
    }

    private void forget(UUID caseId) {
        synchronized (cache) {
            cache.remove(caseId);
        }
    }
}
