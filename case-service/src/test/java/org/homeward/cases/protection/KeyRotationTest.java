package org.homeward.cases.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.homeward.cases.protection.persistence.KeyRotation;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.crypto.FieldCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Key rotation on a database of its own (the service's schema by its Flyway migrations): data sealed under k1 (and
 * plaintext from before encryption) is resealed under k2 once the ring is k1+k2 with k2 active, in small batches, by
 * two "instances" at once; afterwards a ring without k1 opens everything. The running service's own rotation (its
 * configured ring, at start-up) is what KeyRotationJob does; PersonalDataAtRestTest sees its result.
 */
class KeyRotationTest {

    private static final String K1 = FieldCipher.newKey();
    private static final String K2 = FieldCipher.newKey();

    private final KeyRotation rotation = new KeyRotation();

    private String database;
    private PGSimpleDataSource dataSource;

    /** Stored value's context -> its plaintext, for every value written. */
    private final Map<String, String> written = new LinkedHashMap<>();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "rotation_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("create database " + database + " encoding 'UTF8' template template0");
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(HomewardTestStack.jdbcUrl(database));
        dataSource.setUser(HomewardTestStack.databaseUser());
        dataSource.setPassword(HomewardTestStack.databasePassword());
        // Migrated and used by one role here, as a service that migrates itself (no separate service role to grant).
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(Map.of("service_role", HomewardTestStack.databaseUser())).load().migrate();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void everyValueMovesToTheNewKeyAndStillOpensWithoutTheOldOne() throws Exception {
        FieldCipher k1 = FieldCipher.of("k1:" + K1, "k1");
        for (int i = 0; i < 7; i++) {
            writeCase(k1, "{\"hangulName\": \"김광원" + i + "\", \"birthYear\": 1931}", i % 2 == 0 ? "Kaesong " + i
                    : null, "{\"summary\": \"letter " + i + "\"}");
        }
        // A case and timeline entry from before encryption existed: plaintext, sealed by the same job.
        writeCase(null, "{\"hangulName\": \"소원철\"}", "Panmunjom", "{\"text\": \"an old note\"}");
        int values = written.size();
        // Per case: the person, the conflicts and the timeline entry's data and reason; five of the eight cases (the
        // even ones and the old one) also a place taken, a date taken and a stated destination.
        assertEquals(8 * 4 + 5 * 3, values);

        FieldCipher k1k2 = FieldCipher.of("k1:" + K1 + ",k2:" + K2, "k2");
        assertEquals(values, rotation.pending(dataSource, k1k2));

        // Two instances at once, three rows per transaction: each value is resealed exactly once.
        CompletableFuture<KeyRotation.Pass> one = CompletableFuture.supplyAsync(
                () -> rotation.rotate(dataSource, k1k2, 3));
        CompletableFuture<KeyRotation.Pass> two = CompletableFuture.supplyAsync(
                () -> rotation.rotate(dataSource, k1k2, 3));
        long resealed = one.get().total() + two.get().total();
        long left = rotation.pending(dataSource, k1k2);
        assertEquals(values, resealed + left, "no value resealed twice");
        // A row the other instance held at that moment is left to the next pass, which finds it.
        assertEquals(left, rotation.rotate(dataSource, k1k2, 3).total());
        assertEquals(0, rotation.pending(dataSource, k1k2));
        assertEquals(0, rotation.rotate(dataSource, k1k2, 3).total(), "a second pass has nothing to do");

        FieldCipher k2Only = FieldCipher.of("k2:" + K2, "k2");
        Map<String, String> stored = stored();
        assertEquals(values, stored.size());
        stored.forEach((context, value) -> {
            assertTrue(value.startsWith("enc:v1:k2:"), context + " is sealed with k2");
            assertEquals(written.get(context), k2Only.open(value, context), context + " opens without k1");
        });
        // Bound to its row: a value does not open for another row's context.
        Map.Entry<String, String> first = stored.entrySet().iterator().next();
        assertThrows(IllegalStateException.class,
                () -> k2Only.open(first.getValue(), PersonalData.person(UUID.randomUUID())));
    }

    private void writeCase(FieldCipher cipher, String person, String placeTaken, String data) throws SQLException {
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into cases (case_id, category, state, owner_organisation, person, place_taken, conflicts,
                                       date_taken, stated_destination, opened_at, updated_at, version)
                    values (?, 'SOUTH_KOREAN_POW', 'REPORTED', 'org-test', ?, ?, ?, ?, ?, now(), now(), 0)""")) {
                insert.setObject(1, caseId);
                insert.setString(2, sealed(cipher, person, PersonalData.person(caseId)));
                insert.setString(3, sealed(cipher, placeTaken, PersonalData.placeTaken(caseId)));
                insert.setString(4, sealed(cipher, "[]", PersonalData.conflicts(caseId)));
                insert.setString(5, sealed(cipher, placeTaken == null ? null : "1953-07-13",
                        PersonalData.dateTaken(caseId)));
                insert.setString(6, sealed(cipher, placeTaken == null ? null : "South Korea",
                        PersonalData.statedDestination(caseId)));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into timeline_entries (event_id, case_id, type, occurred_at, received_at, recorded_at,
                                                  reported_by, status, urgency, data, reason)
                    values (?, ?, 'NOTE_ADDED', now(), now(), now(), 'org-test', 'APPLIED', 'LOW', ?, ?)""")) {
                insert.setObject(1, eventId);
                insert.setObject(2, caseId);
                insert.setString(3, sealed(cipher, data, PersonalData.timelineData(eventId)));
                insert.setString(4, sealed(cipher, "the person stated intent to go to South Korea",
                        PersonalData.timelineReason(eventId)));
                insert.executeUpdate();
            }
        }
    }

    private String sealed(FieldCipher cipher, String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        written.put(context, plaintext);
        return cipher == null ? plaintext : cipher.seal(plaintext, context);
    }

    /** Context -> stored value of every non-null personal column. */
    private Map<String, String> stored() throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            ResultSet cases = sql.executeQuery("select case_id, person, place_taken, conflicts, date_taken,"
                    + " stated_destination from cases");
            while (cases.next()) {
                UUID caseId = cases.getObject(1, UUID.class);
                values.put(PersonalData.person(caseId), cases.getString(2));
                values.put(PersonalData.conflicts(caseId), cases.getString(4));
                if (cases.getString(3) != null) {
                    values.put(PersonalData.placeTaken(caseId), cases.getString(3));
                    values.put(PersonalData.dateTaken(caseId), cases.getString(5));
                    values.put(PersonalData.statedDestination(caseId), cases.getString(6));
                }
            }
            ResultSet timeline = sql.executeQuery("select event_id, data, reason from timeline_entries");
            while (timeline.next()) {
                UUID eventId = timeline.getObject(1, UUID.class);
                values.put(PersonalData.timelineData(eventId), timeline.getString(2));
                values.put(PersonalData.timelineReason(eventId), timeline.getString(3));
            }
        }
        return values;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl(db), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
