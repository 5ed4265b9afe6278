package org.homeward.intake.publishing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CaseKeyCipher;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.ErasedEventException;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.events.Topics;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.homeward.support.kafka.PublishFailedException;
import org.homeward.support.kafka.ReliableProducer;
import org.jboss.logging.Logger;

/**
 * The key of each case whose events intake seals on {@code case-events} ({@link EventCodec#encodeSealed}). A case's
 * key is made once, the first time one of its events is published, and stored in {@code case_keys} wrapped by the
 * case-events key ring in a transaction of its own (committed whatever becomes of the request: an event whose
 * publication's outcome is unknown may be in Kafka, and it must stay readable); it is published, wrapped, to the
 * compacted topic {@code case-keys} and acknowledged before the first event sealed under it is sent, so a reader that
 * meets a sealed event can count on its key being on the way. Intake's own readers of case-events open records with
 * {@link #of}. When intake learns a case's erasure, {@link #destroy} deletes the key and publishes the marker that
 * replaces it on {@code case-keys}.
 *
 * <p>Published keys are kept in memory (bounded, {@code homeward.intake.case-keys.cache-size}).
 */
@ApplicationScoped
public class CaseEventKeys {

    private static final Logger LOG = Logger.getLogger(CaseEventKeys.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseEventKeyRing ring;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "homeward.intake.delivery-timeout", defaultValue = "PT3S")
    Duration deliveryTimeout;

    @ConfigProperty(name = "homeward.intake.case-keys.cache-size", defaultValue = "10000")
    int cacheSize;

    private ReliableProducer producer;

    private final LinkedHashMap<UUID, SecretKey> published = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SecretKey> eldest) {
            return size() > cacheSize;
        }
    };

    @PostConstruct
    void start() {
        producer = new ReliableProducer(kafkaConfig, "intake-service-keys", deliveryTimeout);
    }

    /** Refuses to start without the case-events key ring: no event could be published. */
    void verify(@Observes StartupEvent startup) {
        ring.verify();
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    /** A case's key as stored: wrapped, or destroyed; and whether it was published. */
    private record Stored(String wrapped, boolean isPublished) {
        boolean destroyed() {
            return wrapped == null;
        }
    }

    /**
     * The keys to seal these cases' events with, each published on {@code case-keys} (acknowledged) before this
     * returns: the existing key of a case, or a new one. A case that was erased, or whose key Kafka did not
     * acknowledge, is left out: its events must not be sent. Database failures are thrown.
     */
    public Map<UUID, SecretKey> forPublishing(Collection<UUID> caseIds) {
        Map<UUID, SecretKey> keys = new HashMap<>();
        Set<UUID> missing = new LinkedHashSet<>();
        synchronized (published) {
            for (UUID caseId : caseIds) {
                SecretKey key = published.get(caseId);
                if (key != null) {
                    keys.put(caseId, key);
                } else {
                    missing.add(caseId);
                }
            }
        }
        if (missing.isEmpty()) {
            return keys;
        }
        Map<UUID, Stored> stored = QuarkusTransaction.requiringNew().call(() -> loadOrMake(missing));
        List<UUID> toPublish = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (var entry : stored.entrySet()) {
            UUID caseId = entry.getKey();
            Stored key = entry.getValue();
            if (key.destroyed()) {
                continue;
            }
            if (key.isPublished()) {
                keys.put(caseId, remember(caseId, ring.unwrap(caseId, key.wrapped())));
            } else {
                toPublish.add(caseId);
                sent.add(producer.start(Topics.CASE_KEYS, caseId.toString(),
                        CaseKeyRecord.key(caseId, key.wrapped()).encode()));
            }
        }
        List<UUID> acknowledged = new ArrayList<>();
        for (int i = 0; i < toPublish.size(); i++) {
            UUID caseId = toPublish.get(i);
            try {
                producer.await(sent.get(i));
                acknowledged.add(caseId);
            } catch (PublishFailedException e) {
                LOG.warnf("The key of case %s was not acknowledged by Kafka; the case's events are not sent", caseId);
            }
        }
        if (!acknowledged.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> markPublished(acknowledged));
            for (UUID caseId : acknowledged) {
                keys.put(caseId, remember(caseId, ring.unwrap(caseId, stored.get(caseId).wrapped())));
            }
        }
        return keys;
    }

    /**
     * The key to open a record of the case with, for intake's readers of case-events: throws
     * {@link ErasedEventException} once it was destroyed.
     */
    public SecretKey of(UUID caseId) {
        synchronized (published) {
            SecretKey key = published.get(caseId);
            if (key != null) {
                return key;
            }
        }
        Stored stored = load(List.of(caseId)).get(caseId);
        if (stored == null) {
            throw new MalformedEventException("a record sealed under a key intake never made");
        }
        if (stored.destroyed()) {
            throw new ErasedEventException(caseId);
        }
        SecretKey key = ring.unwrap(caseId, stored.wrapped());
        return stored.isPublished() ? remember(caseId, key) : key;
    }

    /**
     * Destroys the case's key, in the caller's transaction, and publishes the marker that replaces it on
     * {@code case-keys} (acknowledged, or this throws and the transaction should roll back: publishing the marker
     * twice changes nothing). From then on no event of the case is sealed or opened here.
     */
    public void destroy(UUID caseId) {
        forget(caseId);
        try (Connection db = dataSource.getConnection();
                PreparedStatement destroy = db.prepareStatement("insert into case_keys (case_id, wrapped, "
                        + "destroyed_at) values (?, null, now()) on conflict (case_id) do update set wrapped = null, "
                        + "destroyed_at = coalesce(case_keys.destroyed_at, now())")) {
            destroy.setObject(1, caseId);
            destroy.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("destroying the key of case " + caseId + " failed: " + e.getSQLState(), e);
        }
        producer.send(Topics.CASE_KEYS, caseId.toString(), CaseKeyRecord.destroyed(caseId).encode());
        forget(caseId);
        LOG.infof("The key of case %s was destroyed: its events on case-events no longer open", caseId);
    }

    /**
     * One step of a rotation of the case-events key ring: up to {@code batch} case keys not wrapped by {@code ring}'s
     * active key are wrapped by it, published again on {@code case-keys} (acknowledged; the case service replaces its
     * copy as it reads them) and stored, in one transaction (rows taken {@code for update skip locked}, so replicas
     * share the work). A case's key itself never changes. Answers how many were moved; 0 when none is left.
     */
    public int rotate(CaseEventKeyRing ring, int batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection db = dataSource.getConnection();
                    PreparedStatement select = db.prepareStatement("select case_id, wrapped from case_keys "
                            + "where wrapped is not null and wrapped not like ? limit ? for update skip locked");
                    PreparedStatement update = db.prepareStatement(
                            "update case_keys set wrapped = ?, published_at = now() where case_id = ?")) {
                select.setString(1, "enc:v1:" + ring.activeKeyId() + ":%");
                select.setInt(2, batch);
                List<UUID> caseIds = new ArrayList<>();
                List<String> rewrapped = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID caseId = rs.getObject(1, UUID.class);
                        caseIds.add(caseId);
                        rewrapped.add(ring.wrap(caseId, ring.unwrap(caseId, rs.getString(2))));
                    }
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < caseIds.size(); i++) {
                    sent.add(producer.start(Topics.CASE_KEYS, caseIds.get(i).toString(),
                            CaseKeyRecord.key(caseIds.get(i), rewrapped.get(i)).encode()));
                }
                for (Future<RecordMetadata> record : sent) {
                    producer.await(record); // a key Kafka did not take rolls the whole step back: tried next pass
                }
                for (int i = 0; i < caseIds.size(); i++) {
                    update.setString(1, rewrapped.get(i));
                    update.setObject(2, caseIds.get(i));
                    update.addBatch();
                }
                update.executeBatch();
                return caseIds.size();
            } catch (SQLException e) {
                throw new IllegalStateException("rotating case keys failed: " + e.getSQLState(), e);
            }
        });
    }

    /** {@link #rotate(CaseEventKeyRing, int)} with the service's own ring. */
    public int rotate(int batch) {
        return rotate(ring, batch);
    }

    private Map<UUID, Stored> loadOrMake(Set<UUID> caseIds) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement make = db.prepareStatement(
                        "insert into case_keys (case_id, wrapped) values (?, ?) on conflict (case_id) do nothing")) {
            Map<UUID, Stored> known = load(db, caseIds);
            int made = 0;
            for (UUID caseId : caseIds) {
                if (!known.containsKey(caseId)) {
                    make.setObject(1, caseId);
                    make.setString(2, ring.wrap(caseId, CaseKeyCipher.newKey()));
                    make.addBatch();
                    made++;
                }
            }
            if (made == 0) {
                return known;
            }
            make.executeBatch();
            return load(db, caseIds); // another replica's key, where it made one first
        } catch (SQLException e) {
            throw new IllegalStateException("making case keys failed: " + e.getSQLState(), e);
        }
    }

    private Map<UUID, Stored> load(Collection<UUID> caseIds) {
        try (Connection db = dataSource.getConnection()) {
            return load(db, caseIds);
        } catch (SQLException e) {
            throw new IllegalStateException("reading case keys failed: " + e.getSQLState(), e);
        }
    }

    private static Map<UUID, Stored> load(Connection db, Collection<UUID> caseIds) throws SQLException {
        Map<UUID, Stored> stored = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement(
                "select case_id, wrapped, published_at is not null from case_keys where case_id = any (?)")) {
            select.setArray(1, db.createArrayOf("uuid", caseIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, UUID.class), new Stored(rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return stored;
    }

    private void markPublished(List<UUID> caseIds) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement mark = db.prepareStatement("update case_keys set published_at = now() "
                        + "where case_id = any (?) and published_at is null")) {
            mark.setArray(1, db.createArrayOf("uuid", caseIds.toArray()));
            mark.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking case keys published failed: " + e.getSQLState(), e);
        }
    }

    private SecretKey remember(UUID caseId, SecretKey key) {
        synchronized (published) {
            published.put(caseId, key);
        }
        return key;
    }

    private void forget(UUID caseId) {
        synchronized (published) {
            published.remove(caseId);
        }
    }
}
