package org.homeward.cases.protection.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.homeward.support.crypto.FieldCipher;

/**
 * Moves every sealed value of the case database under the active key: reads, in bounded batches, the rows holding a
 * value sealed with another key of the ring (or plaintext from before encryption existed), opens each with the key that
 * sealed it and seals it again with the active key, for the same context. One transaction per batch.
 *
 * <p>Safe with several instances: a batch takes its rows {@code for update skip locked}, so two instances (or an
 * instance and the consumer writing a case) never work on the same row, and the condition "not under the active key"
 * is re-checked on the locked row. Resumable: what is done is committed batch by batch and recognised by its key id
 * ({@code sealed_key_id()} of the stored form), so a pass interrupted anywhere continues where it matters on the next.
 *
 * <p>Works on a {@link DataSource} and a {@link FieldCipher} given to it: the service passes its own (KeyRotationJob);
 * tests may pass ciphers over other key rings.
 */
@ApplicationScoped
public class KeyRotation {

    /** One column of sealed values and how to find the context of each. */
    private enum Column {
        PERSON("cases", "case_id", "person") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.person(row.getObject("case_id", UUID.class));
            }
        },
        PLACE_TAKEN("cases", "case_id", "place_taken") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.placeTaken(row.getObject("case_id", UUID.class));
            }
        },
        TIMELINE_DATA("timeline_entries", "seq", "data") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.timelineData(row.getObject("event_id", UUID.class));
            }
        },
        VITAL_CLAIMS("cases", "case_id", "vital_claims") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.vitalClaims(row.getObject("case_id", UUID.class));
            }
        },
        RETRACTION_REASON("timeline_entries", "seq", "retraction_reason") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.retractionReason(row.getObject("event_id", UUID.class));
            }
        },
        HELD_EVENT("held_events", "position", "payload") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.heldEvent(row.getObject("event_id", UUID.class));
            }
        },
        STATED_DESTINATION("cases", "case_id", "stated_destination") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.statedDestination(row.getObject("case_id", UUID.class));
            }
        },
        DATE_TAKEN("cases", "case_id", "date_taken") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.dateTaken(row.getObject("case_id", UUID.class));
            }
        },
        DATE_OF_DEATH("cases", "case_id", "date_of_death") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.dateOfDeath(row.getObject("case_id", UUID.class));
            }
        },
        DEATH_REPORTED_ON("cases", "case_id", "death_reported_on") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.deathReportedOn(row.getObject("case_id", UUID.class));
            }
        },
        VITAL_STATUS_DATE("cases", "case_id", "vital_status_date") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.vitalStatusDate(row.getObject("case_id", UUID.class));
            }
        },
        CONFLICTS("cases", "case_id", "conflicts") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.conflicts(row.getObject("case_id", UUID.class));
            }
        },
        TIMELINE_REASON("timeline_entries", "seq", "reason") {
            @Override
            String context(ResultSet row) throws SQLException {
                return PersonalData.timelineReason(row.getObject("event_id", UUID.class));
            }
        };

        final String table;
        final String id;
        final String column;

        Column(String table, String id, String column) {
            this.table = table;
            this.id = id;
            this.column = column;
        }

        abstract String context(ResultSet row) throws SQLException;
    }

    /**
     * What one pass did: values resealed (plaintext sealed included) per column; {@code caseFacts} counts the stated
     * destinations, dates taken, dates of death, vital status dates and conflicts of cases together.
     */
    public record Pass(long person, long placeTaken, long timelineData, long vitalClaims, long retractionReasons,
            long heldEvents, long caseFacts, long timelineReasons) {

        public long total() {
            return person + placeTaken + timelineData + vitalClaims + retractionReasons + heldEvents + caseFacts
                    + timelineReasons;
        }
    }

    /**
     * Reseals, in batches of {@code batch} rows, every value not under {@code cipher}'s active key; answers how many.
     * Rows held by a running transaction are left to the next pass.
     */
    public Pass rotate(DataSource database, FieldCipher cipher, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        long[] done = new long[Column.values().length];
        for (Column column : Column.values()) {
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
                done[Column.TIMELINE_REASON.ordinal()]);
    }

    /** How many values are not yet under {@code cipher}'s active key (plaintext included). */
    public long pending(DataSource database, FieldCipher cipher) {
        long pending = 0;
        try (Connection db = database.getConnection()) {
            for (Column column : Column.values()) {
                try (PreparedStatement count = db.prepareStatement("select count(*) from " + column.table
                        + " where sealed_key_id(" + column.column + ") <> ?")) {
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

    /** One transaction: up to {@code limit} rows after {@code after} (in id order) whose value needs resealing. */
    private static Batch batch(DataSource database, FieldCipher cipher, Column column, Object after, int limit) {
        String select = "select " + column.id + ", " + column.column
                + (column.table.equals("cases") ? ", case_id" : ", event_id")
                + " from " + column.table + " where sealed_key_id(" + column.column + ") <> ?"
                + (after == null ? "" : " and " + column.id + " > ?")
                + " order by " + column.id + " limit ? for update skip locked";
        try (Connection db = database.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                List<Object[]> updates = new ArrayList<>();
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
                            String resealed = PersonalData.isSealed(stored) ? cipher.reseal(stored, context)
                                    : cipher.seal(stored, context);
                            updates.add(new Object[] {resealed, last});
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
                db.commit();
                return new Batch(rows, updates.size(), last);
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
