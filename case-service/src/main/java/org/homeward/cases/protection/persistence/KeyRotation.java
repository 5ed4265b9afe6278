package org.homeward.cases.protection.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.homeward.events.CaseKeyCipher;
import org.homeward.support.crypto.FieldCipher;

/**
 * Keeps the case database's sealed values where they belong, in two duties:
 *
 * <ul>
 *   <li>Moves every personal value not sealed under its case's key (sealed by the key ring before case keys existed,
 *       {@code enc:v1:}, or plaintext from before encryption) to its case's key ({@link CaseKeys}, {@code enc:v2:case:}),
 *       for the same context, making the case's key if it has none. A value of an erased case is set to null (its key
 *       is gone, and it must not stay readable by the ring).</li>
 *   <li>Reseals every wrapped case key ({@code case_keys.wrapped}) not under the ring's active key: after case keys,
 *       rotating the ring touches one row per case, not every value.</li>
 *   <li>Reseals under the ring's active key (seals, if plaintext) the facts kept under the ring: a case's stated
 *       destination, dates taken and of death, vital status date and conflicts, and timeline reasons (an erasure sets
 *       them to null).</li>
 * </ul>
 *
 * <p>Reads in bounded batches, one transaction per batch. Safe with several instances: a batch takes its rows
 * {@code for update skip locked}, so two instances (or an instance and the consumer writing a case) never work on the
 * same row, and the condition is re-checked on the locked row. Resumable: what is done is committed batch by batch and
 * recognised by its stored form ({@code sealed_key_id()}), so a pass interrupted anywhere continues where it matters.
 *
 * <p>Works on a {@link DataSource} and a {@link FieldCipher} given to it: the service passes its own (KeyRotationJob);
 * tests may pass ciphers over other key rings.
 */
@ApplicationScoped
public class KeyRotation {

    /** One column of sealed values, the column of its case id and how to find the context of each. */
    private enum Column {
        PERSON("cases", "case_id", "person", true, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.person(row.getObject("case_id", UUID.class));
            }
        },
        PLACE_TAKEN("cases", "case_id", "place_taken", true, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.placeTaken(row.getObject("case_id", UUID.class));
            }
        },
        TIMELINE_DATA("timeline_entries", "seq", "data", true, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.timelineData(row.getObject("event_id", UUID.class));
            }
        },
        VITAL_CLAIMS("cases", "case_id", "vital_claims", true, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.vitalClaims(row.getObject("case_id", UUID.class));
            }
        },
        RETRACTION_REASON("timeline_entries", "seq", "retraction_reason", true, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.retractionReason(row.getObject("event_id", UUID.class));
            }
        },
        HELD_EVENT("held_events", "position", "payload", false, false) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.heldEvent(row.getObject("event_id", UUID.class));
            }
        },
        /** Facts of a case and timeline reasons: sealed by the ring (erasure sets them to null), resealed by it. */
        STATED_DESTINATION("cases", "case_id", "stated_destination", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.statedDestination(row.getObject("case_id", UUID.class));
            }
        },
        DATE_TAKEN("cases", "case_id", "date_taken", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.dateTaken(row.getObject("case_id", UUID.class));
            }
        },
        DATE_OF_DEATH("cases", "case_id", "date_of_death", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.dateOfDeath(row.getObject("case_id", UUID.class));
            }
        },
        DEATH_REPORTED_ON("cases", "case_id", "death_reported_on", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.deathReportedOn(row.getObject("case_id", UUID.class));
            }
        },
        VITAL_STATUS_DATE("cases", "case_id", "vital_status_date", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.vitalStatusDate(row.getObject("case_id", UUID.class));
            }
        },
        CONFLICTS("cases", "case_id", "conflicts", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.conflicts(row.getObject("case_id", UUID.class));
            }
        },
        TIMELINE_REASON("timeline_entries", "seq", "reason", true, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.timelineReason(row.getObject("event_id", UUID.class));
            }
        },
        /** The wrapped case keys: resealed by the ring, never moved. */
        CASE_KEY("case_keys", "case_id", "wrapped", false, true) {
            @Override
            String context(ResultSet row) throws SQLException {
                return CaseKeys.context(row.getObject("case_id", UUID.class));
            }
        };

        final String table;
        final String id;
        final String column;
        final boolean nullable;
        /** Kept under the key ring (resealed under its active key), not moved to the case's key. */
        final boolean ring;

        Column(String table, String id, String column, boolean nullable, boolean ring) {
            this.table = table;
            this.id = id;
            this.column = column;
            this.nullable = nullable;
            this.ring = ring;
        }

        abstract String context(ResultSet row) throws SQLException;

        /** The rows this column still has work for; its one parameter is the ring's active key id. */
        String pending() {
            return ring ? "sealed_key_id(" + column + ") <> ?"
                    // sealed by the ring (its key id) or plaintext (''), whatever the ring: null for case-key values
                    : "sealed_key_id(" + column + ") is not null and ? is not null";
        }

        /** The columns a batch reads: its id, the value, the case id and what the context needs. */
        String selected() {
            String extra = table.equals("timeline_entries") || table.equals("held_events") ? ", case_id, event_id"
                    : id.equals("case_id") ? "" : ", case_id";
            return id + ", " + column + extra;
        }
    }

    /**
     * What one pass did, per column: values moved to their case's key (plaintext sealed included; an erased case's set
     * to null), values kept under the ring resealed under its active key ({@code caseFacts} counts the stated
     * destinations, dates taken, dates of death, vital status dates and conflicts of cases together) and wrapped case
     * keys resealed under the ring's active key.
     */
    public record Pass(long person, long placeTaken, long timelineData, long vitalClaims, long retractionReasons,
            long heldEvents, long caseFacts, long timelineReasons, long caseKeys) {

        public long total() {
            return person + placeTaken + timelineData + vitalClaims + retractionReasons + heldEvents + caseFacts
                    + timelineReasons + caseKeys;
        }
    }

    /**
     * Does both duties in batches of {@code batch} rows; answers how many values it moved or resealed. Rows held by a
     * running transaction are left to the next pass.
     */
    public Pass rotate(DataSource database, FieldCipher cipher, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        long[] done = new long[Column.values().length];
        // The case keys first: a value moved below is sealed under a key the active ring key wraps.
        List<Column> order = new ArrayList<>(List.of(Column.values()));
        order.remove(Column.CASE_KEY);
        order.add(0, Column.CASE_KEY);
        for (Column column : order) {
            Object after = null;
            while (true) {
                Batch result = batch(database, cipher, column, after, batch);
                done[column.ordinal()] += result.resealed;
                if (result.rows < batch) {
                    break;
                }
                after = result.last;
            }
        }
        long caseFacts = 0;
        for (Column column : List.of(Column.STATED_DESTINATION, Column.DATE_TAKEN, Column.DATE_OF_DEATH,
                Column.DEATH_REPORTED_ON, Column.VITAL_STATUS_DATE, Column.CONFLICTS)) {
            caseFacts += done[column.ordinal()];
        }
        return new Pass(done[Column.PERSON.ordinal()], done[Column.PLACE_TAKEN.ordinal()],
                done[Column.TIMELINE_DATA.ordinal()], done[Column.VITAL_CLAIMS.ordinal()],
                done[Column.RETRACTION_REASON.ordinal()], done[Column.HELD_EVENT.ordinal()], caseFacts,
                done[Column.TIMELINE_REASON.ordinal()], done[Column.CASE_KEY.ordinal()]);
    }

    /** How many values are not yet where they belong (under their case's key, or wrapped by the active key). */
    public long pending(DataSource database, FieldCipher cipher) {
        long pending = 0;
        try (Connection db = database.getConnection()) {
            for (Column column : Column.values()) {
                try (PreparedStatement count = db.prepareStatement("select count(*) from " + column.table
                        + " where " + column.pending())) {
                    count.setString(1, cipher.activeKeyId());
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        pending += rs.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the values to reseal", e);
        }
        return pending;
    }

    private record Batch(int rows, long resealed, Object last) {
    }

    /** One transaction: up to {@code limit} rows after {@code after} (in id order) whose value needs work. */
    private static Batch batch(DataSource database, FieldCipher cipher, Column column, Object after, int limit) {
        String select = "select " + column.selected() + " from " + column.table + " where " + column.pending()
                + (after == null ? "" : " and " + column.id + " > ?")
                + " order by " + column.id + " limit ? for update skip locked";
        try (Connection db = database.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                List<Object[]> updates = new ArrayList<>();
                List<Object> erased = new ArrayList<>();
                Map<UUID, Optional<SecretKey>> keys = new HashMap<>();
                int rows = 0;
                Object last = after;
                try (PreparedStatement query = db.prepareStatement(select)) {
                    int p = 1;
                    query.setString(p++, cipher.activeKeyId());
                    if (after != null) {
                        query.setObject(p++, after);
                    }
                    query.setInt(p, limit);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            last = rs.getObject(1);
                            String stored = rs.getString(2);
                            String context = column.context(rs);
                            if (column.ring) { // plaintext from before it was sealed is sealed
                                updates.add(new Object[] {PersonalData.isSealed(stored)
                                        ? cipher.reseal(stored, context) : cipher.seal(stored, context), last});
                                continue;
                            }
                            UUID caseId = rs.getObject("case_id", UUID.class);
                            String plaintext = PersonalData.isSealed(stored) ? cipher.open(stored, context) : stored;
                            Optional<SecretKey> key = keys.get(caseId);
                            if (key == null) {
                                key = CaseKeys.forSealing(db, cipher, caseId);
                                keys.put(caseId, key);
                            }
                            if (key.isPresent()) {
                                updates.add(new Object[] {CaseKeyCipher.seal(key.get(), plaintext, context), last});
                            } else {
                                erased.add(last); // its case was erased: nothing of it may stay readable
                            }
                        }
                    }
                }
                if (!updates.isEmpty()) {
                    try (PreparedStatement update = db.prepareStatement("update " + column.table + " set "
                            + column.column + " = ? where " + column.id + " = ?")) {
                        for (Object[] u : updates) {
                            update.setString(1, (String) u[0]);
                            update.setObject(2, u[1]);
                            update.addBatch();
                        }
                        update.executeBatch();
                    }
                }
                if (!erased.isEmpty()) {
                    try (PreparedStatement update = db.prepareStatement(column.nullable
                            ? "update " + column.table + " set " + column.column + " = null where " + column.id + " = ?"
                            : "delete from " + column.table + " where " + column.id + " = ?")) {
                        for (Object id : erased) {
                            update.setObject(1, id);
                            update.addBatch();
                        }
                        update.executeBatch();
                    }
                }
                db.commit();
                return new Batch(rows, updates.size() + erased.size(), last);
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reseal " + column.table + "." + column.column, e);
        }
    }
}
