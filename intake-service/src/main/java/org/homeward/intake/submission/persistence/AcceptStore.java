package org.homeward.intake.submission.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.idempotency.StoredKey;
import org.homeward.intake.idempotency.UnsettledPublications.Unsettled;
import org.homeward.intake.registry.domain.CaseRegistry.CaseAccess;
import org.homeward.intake.registry.domain.CaseRegistry.KnownEvent;

/**
 * The accept pipeline's statements ({@code IntakeService.acceptAll}), in plain JDBC on the one connection a request
 * holds, with as few round trips to PostgreSQL as the pipeline allows:
 * <ul>
 * <li>everything it must know before publishing, in <b>one</b> round trip ({@link #read}): the key's advisory lock,
 * the stored keys, the unsettled attempts, who may report on each case, the events retractions name. The statements
 * go together (pgjdbc sends the statements of one prepared text with one Sync) and run one after the other, each
 * with a snapshot of its own taken when it starts, so the reads after the lock see everything committed by whoever
 * held the key before: exactly what separate statements would see;</li>
 * <li>after the acknowledgements, the keys of everything acknowledged in one batch ({@link #rememberKeys}), then the
 * commit.</li>
 * </ul>
 * A single keyed event thus costs three round trips (the reads, the key, the commit) where it cost seven through the
 * entity manager, and no ORM work. The SQL is that of {@link IdempotencyStore}, {@code UnsettledPublications} and
 * {@code CaseRegistry}, whose own methods serve the consumers and the purge.
 */
@ApplicationScoped
public class AcceptStore {

    static final String LOCK = "select pg_try_advisory_xact_lock(?)";
    static final String KEYS = "select idempotency_key, fingerprint, case_id, event_id from idempotency_keys "
            + "where organisation = ? and idempotency_key = any(?) and expires_at > ?";
    static final String UNSETTLED = "select idempotency_key, fingerprint, case_id, event_id, attempted_at "
            + "from unsettled_publications where organisation = ? and idempotency_key = any(?)";
    static final String ACCESS = "select c.case_id, c.owner_organisation, s.organisation, c.erased_at is not null "
            + "from cases c "
            + "left join case_shares s on s.case_id = c.case_id where c.case_id = any(?)";
    static final String EVENTS = "select event_id, case_id, reported_by, type, retracted_by_event from case_events "
            + "where event_id = any(?)";
    static final String REMEMBER_KEY = "insert into idempotency_keys (organisation, idempotency_key, fingerprint, "
            + "case_id, event_id, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?) "
            + "on conflict (organisation, idempotency_key) do update set fingerprint = excluded.fingerprint, "
            + "case_id = excluded.case_id, event_id = excluded.event_id, created_at = excluded.created_at, "
            + "expires_at = excluded.expires_at where idempotency_keys.expires_at <= excluded.created_at";
    static final String REMEMBER_UNSETTLED = "insert into unsettled_publications (organisation, idempotency_key, "
            + "fingerprint, case_id, event_id, attempted_at) values (?, ?, ?, ?, ?, ?) "
            + "on conflict (organisation, idempotency_key) do nothing";
    static final String SETTLED = "delete from unsettled_publications where organisation = ? and idempotency_key = ?";
    static final String REGISTER = "insert into cases (case_id, owner_organisation, opened_event_id, registered_at) "
            + "values (?, ?, ?, ?) on conflict (case_id) do nothing";
    static final String FORGET = "delete from cases where case_id = ? and opened_event_id = ?";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "homeward.intake.idempotency-retention", defaultValue = "PT24H")
    Duration retention;

    Clock clock = Clock.systemUTC();

    /** A connection from the pool (within its acquisition bound); the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** What a request must know before it publishes; see {@link #read}. */
    public record Reads(boolean locked, Map<String, StoredKey> keys, Map<String, Unsettled> unsettled,
            Map<UUID, CaseAccess> access, Map<UUID, KnownEvent> events) {
    }

    /**
     * In one round trip: with {@code lockId}, the key's transaction-scoped advisory lock (false when another
     * transaction holds it; the reads then do not matter); the unexpired stored keys and the unsettled attempts among
     * {@code keys} of the organisation; who may report on each of {@code caseIds} that is registered; what intake
     * knows of each of {@code eventIds}. Empty collections are not asked for.
     */
    public Reads read(Connection connection, String organisation, Long lockId, Collection<String> keys,
            Collection<UUID> caseIds, Collection<UUID> eventIds) throws SQLException {
        List<String> parts = new ArrayList<>(5);
        if (lockId != null) {
            parts.add(LOCK);
        }
        if (!keys.isEmpty()) {
            parts.add(KEYS);
            parts.add(UNSETTLED);
        }
        if (!caseIds.isEmpty()) {
            parts.add(ACCESS);
        }
        if (!eventIds.isEmpty()) {
            parts.add(EVENTS);
        }
        boolean locked = true;
        Map<String, StoredKey> stored = Map.of();
        Map<String, Unsettled> unsettled = Map.of();
        Map<UUID, CaseAccess> access = Map.of();
        Map<UUID, KnownEvent> events = Map.of();
        if (parts.isEmpty()) {
            return new Reads(true, stored, unsettled, access, events);
        }
        try (PreparedStatement statement = connection.prepareStatement(String.join("; ", parts))) {
            int p = 1;
            if (lockId != null) {
                statement.setLong(p++, lockId);
            }
            if (!keys.isEmpty()) {
                java.sql.Array keyArray = connection.createArrayOf("text", keys.toArray(String[]::new));
                statement.setString(p++, organisation);
                statement.setArray(p++, keyArray);
                statement.setObject(p++, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                statement.setString(p++, organisation);
                statement.setArray(p++, keyArray);
            }
            if (!caseIds.isEmpty()) {
                statement.setArray(p++, connection.createArrayOf("uuid", new HashSet<>(caseIds).toArray(UUID[]::new)));
            }
            if (!eventIds.isEmpty()) {
                statement.setArray(p++, connection.createArrayOf("uuid", new HashSet<>(eventIds).toArray(UUID[]::new)));
            }
            statement.execute();
            for (String part : parts) {
                try (ResultSet rows = statement.getResultSet()) {
                    if (part == LOCK) {
                        locked = rows.next() && rows.getBoolean(1);
                    } else if (part == KEYS) {
                        stored = new HashMap<>();
                        while (rows.next()) {
                            stored.put(rows.getString(1), new StoredKey(rows.getString(2), uuid(rows, 3),
                                    uuid(rows, 4)));
                        }
                    } else if (part == UNSETTLED) {
                        unsettled = new HashMap<>();
                        while (rows.next()) {
                            unsettled.put(rows.getString(1), new Unsettled(rows.getString(2), uuid(rows, 3),
                                    uuid(rows, 4), rows.getObject(5, OffsetDateTime.class).toInstant()));
                        }
                    } else if (part == ACCESS) {
                        Map<UUID, String> owners = new HashMap<>();
                        Set<UUID> erased = new HashSet<>();
                        Map<UUID, Set<String>> shares = new HashMap<>();
                        while (rows.next()) {
                            UUID caseId = uuid(rows, 1);
                            owners.put(caseId, rows.getString(2));
                            if (rows.getBoolean(4)) {
                                erased.add(caseId);
                            }
                            Set<String> shared = shares.computeIfAbsent(caseId, k -> new HashSet<>());
                            String organisationShared = rows.getString(3);
                            if (organisationShared != null) {
                                shared.add(organisationShared);
                            }
                        }
                        access = new HashMap<>();
                        for (Map.Entry<UUID, String> owner : owners.entrySet()) {
                            access.put(owner.getKey(), new CaseAccess(owner.getValue(), shares.get(owner.getKey()),
                                    erased.contains(owner.getKey())));
                        }
                    } else {
                        events = new HashMap<>();
                        while (rows.next()) {
                            KnownEvent event = new KnownEvent(uuid(rows, 1), uuid(rows, 2), rows.getString(3),
                                    rows.getString(4), uuid(rows, 5));
                            events.put(event.eventId(), event);
                        }
                    }
                }
                statement.getMoreResults();
            }
        }
        return new Reads(locked, stored, unsettled, access, events);
    }

    /** A key to store: what it was used for. */
    public record Key(String key, String fingerprint, UUID caseId, UUID eventId) {
    }

    /** Stores the keys in one batch (each replacing an expired key of the same name only). */
    public void rememberKeys(Connection connection, String organisation, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        OffsetDateTime created = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime expires = OffsetDateTime.ofInstant(now.plus(retention), ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(REMEMBER_KEY)) {
            for (Key key : keys) {
                insert.setString(1, organisation);
                insert.setString(2, key.key());
                insert.setString(3, key.fingerprint());
                insert.setObject(4, key.caseId());
                insert.setObject(5, key.eventId());
                insert.setObject(6, created);
                insert.setObject(7, expires);
                if (keys.size() == 1) {
                    insert.executeUpdate();
                    return;
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Records an attempt whose outcome is unknown; the first attempt's time stands (the search starts there). */
    public void rememberUnsettled(Connection connection, String organisation, String key, String fingerprint,
            UUID caseId, UUID eventId, Instant attemptedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(REMEMBER_UNSETTLED)) {
            insert.setString(1, organisation);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.setObject(4, caseId);
            insert.setObject(5, eventId);
            insert.setObject(6, OffsetDateTime.ofInstant(attemptedAt, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** The outcome of an unsettled attempt is known now. */
    public void settled(Connection connection, String organisation, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(SETTLED)) {
            delete.setString(1, organisation);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    /** Registers a case; true when this call inserted the row (false: it was known, the first registration stands). */
    public boolean register(Connection connection, UUID caseId, String ownerOrganisation, UUID openedEventId)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(REGISTER)) {
            insert.setObject(1, caseId);
            insert.setString(2, ownerOrganisation);
            insert.setObject(3, openedEventId);
            insert.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return insert.executeUpdate() == 1;
        }
    }

    /** Takes back a registration this transaction made for an opening Kafka did not acknowledge. */
    public void forget(Connection connection, UUID caseId, UUID openedEventId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(FORGET)) {
            delete.setObject(1, caseId);
            delete.setObject(2, openedEventId);
            delete.executeUpdate();
        }
    }

    private static UUID uuid(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }
}
