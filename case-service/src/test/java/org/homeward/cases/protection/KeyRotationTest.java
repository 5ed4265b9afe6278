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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.homeward.events.CaseKeyCipher;
import org.homeward.cases.protection.persistence.CaseKeys;
import org.homeward.cases.protection.persistence.KeyRotation;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.crypto.FieldCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Key rotation on a database of its own (the service's schema by its Flyway migrations): data sealed by the ring under
 * k1 (and plaintext from before encryption) moves to its case's own key, made on the way and wrapped by k2, once the
 * ring is k1+k2 with k2 active, in small batches, by two "instances" at once; afterwards a ring without k1 opens
 * everything. Rotating the ring again (k3) then reseals only the wrapped case keys, one row per case. The running
 * service's own rotation (its configured ring, at start-up) is what KeyRotationJob does; PersonalDataAtRestTest sees
 * its result.
 */
class KeyRotationTest {

    private static final String K1 = FieldCipher.newKey();
    private static final String K2 = FieldCipher.newKey();
    private static final String K3 = FieldCipher.newKey();

    private final KeyRotation rotation = new KeyRotation();

    private String database;
    private PGSimpleDataSource dataSource;

    /** Stored value's context -> its plaintext, for every value written. */
    private final Map<String, String> written = new LinkedHashMap<>();
    /** Stored value's context -> its case. */
    private final Map<String, UUID> contextCase = new LinkedHashMap<>();

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
    void everyValueMovesToItsCaseKeyAndRingRotationThenResealsOnlyTheCaseKeys() throws Exception {
        FieldCipher k1 = FieldCipher.of("k1:" + K1, "k1");
        for (int i = 0; i < 7; i++) {
            writeCase(k1, "{\"hangulName\": \"김광원" + i + "\", \"birthYear\": 1931}", i % 2 == 0 ? "Kaesong " + i
                    : null, "{\"summary\": \"letter " + i + "\"}");
        }
        // A case and timeline entry from before encryption existed: plaintext, sealed by the same job.
        writeCase(null, "{\"hangulName\": \"소원철\"}", "Panmunjom", "{\"text\": \"an old note\"}");
        int values = written.size();
        assertEquals(7 + 4 + 7 + 3, values);

        // And each case's conflicts, '[]' in plaintext as stored before they were sealed: kept under the ring, sealed
        // by the same job.
        int conflicts = 8;

        FieldCipher k1k2 = FieldCipher.of("k1:" + K1 + ",k2:" + K2, "k2");
        assertEquals(values + conflicts, rotation.pending(dataSource, k1k2));

        // Two instances at once, three rows per transaction: each value is resealed exactly once.
        CompletableFuture<KeyRotation.Pass> one = CompletableFuture.supplyAsync(
                () -> rotation.rotate(dataSource, k1k2, 3));
        CompletableFuture<KeyRotation.Pass> two = CompletableFuture.supplyAsync(
                () -> rotation.rotate(dataSource, k1k2, 3));
        long resealed = one.get().total() + two.get().total();
        long left = rotation.pending(dataSource, k1k2);
        assertEquals(values + conflicts, resealed + left, "no value resealed twice");
        // A row the other instance held at that moment is left to the next pass, which finds it.
        assertEquals(left, rotation.rotate(dataSource, k1k2, 3).total());
        assertEquals(0, rotation.pending(dataSource, k1k2));
        assertEquals(0, rotation.rotate(dataSource, k1k2, 3).total(), "a second pass has nothing to do");

        FieldCipher k2Only = FieldCipher.of("k2:" + K2, "k2");
        Map<String, String> stored = stored();
        assertEquals(values, stored.size());
        Map<UUID, String> wrapped = caseKeys();
        assertEquals(8, wrapped.size(), "one key per case");
        wrapped.forEach((caseId, key) -> assertTrue(key.startsWith("enc:v1:k2:"), "case key wrapped by k2"));
        stored.forEach((context, value) -> {
            assertTrue(value.startsWith("enc:v2:case:"), context + " is sealed under its case's key");
            assertEquals(written.get(context), open(k2Only, value, context), context + " opens without k1");
            assertThrows(IllegalStateException.class, () -> k2Only.open(value, context),
                    "the ring alone does not open " + context);
        });
        // Bound to its row: a value does not open for another row's context.
        Map.Entry<String, String> first = stored.entrySet().iterator().next();
        assertThrows(IllegalStateException.class, () -> CaseKeyCipher.open(caseKey(k2Only, contextCase.get(first.getKey())),
                first.getValue(), PersonalData.person(UUID.randomUUID())));

        // Rotating the ring now touches the case keys and the facts kept under the ring (here each case's conflicts),
        // not the values under the case keys.
        FieldCipher k2k3 = FieldCipher.of("k2:" + K2 + ",k3:" + K3, "k3");
        assertEquals(8 + conflicts, rotation.pending(dataSource, k2k3));
        KeyRotation.Pass pass = rotation.rotate(dataSource, k2k3, 3);
        assertEquals(8, pass.caseKeys());
        assertEquals(conflicts, pass.caseFacts());
        assertEquals(8 + conflicts, pass.total());
        assertEquals(0, rotation.pending(dataSource, k2k3));
        assertEquals(stored, stored(), "no value resealed");
        FieldCipher k3Only = FieldCipher.of("k3:" + K3, "k3");
        caseKeys().forEach((caseId, key) -> assertTrue(key.startsWith("enc:v1:k3:"), "case key wrapped by k3"));
        stored.forEach((context, value) -> assertEquals(written.get(context), open(k3Only, value, context),
                context + " opens with the ring of k3 alone"));
    }

    @Test
    void aValueLeftUnderTheRingOfAnErasedCaseIsSetToNullNotMoved() throws Exception {
        FieldCipher k1 = FieldCipher.of("k1:" + K1, "k1");
        UUID erased = writeCase(k1, "{\"hangulName\": \"김광원\"}", "Kaesong", "{\"text\": \"a note\"}");
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("update cases set state = 'ERASED' where case_id = '" + erased + "'");
        }
        KeyRotation.Pass pass = rotation.rotate(dataSource, k1, 10);
        assertEquals(3 + 1, pass.total(), "its three values set to null, its conflicts ('[]') sealed under the ring");
        assertEquals(1, pass.caseFacts());
        assertEquals(0, rotation.pending(dataSource, k1));
        assertTrue(stored().isEmpty(), "nothing of the erased case is left");
        assertTrue(caseKeys().isEmpty(), "no key is made for an erased case");
    }

    /** Opens a value sealed under its case's key, the key unwrapped by {@code ring}. */
    private String open(FieldCipher ring, String value, String context) {
        return CaseKeyCipher.open(caseKey(ring, contextCase.get(context)), value, context);
    }

    private SecretKey caseKey(FieldCipher ring, UUID caseId) {
        try {
            String wrapped = caseKeys().get(caseId);
            return new SecretKeySpec(Base64.getDecoder().decode(ring.open(wrapped, CaseKeys.context(caseId))), "AES");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<UUID, String> caseKeys() throws SQLException {
        Map<UUID, String> keys = new LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select case_id, wrapped from case_keys")) {
            while (rows.next()) {
                keys.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return keys;
    }

    private UUID writeCase(FieldCipher cipher, String person, String placeTaken, String data) throws SQLException {
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into cases (case_id, category, state, owner_organisation, person, place_taken, conflicts,
                                       opened_at, updated_at, version)
                    values (?, 'SOUTH_KOREAN_POW', 'REPORTED', 'org-test', ?, ?, '[]', now(), now(), 0)""")) {
                insert.setObject(1, caseId);
                insert.setString(2, sealed(cipher, person, PersonalData.person(caseId), caseId));
                insert.setString(3, sealed(cipher, placeTaken, PersonalData.placeTaken(caseId), caseId));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into timeline_entries (event_id, case_id, type, occurred_at, received_at, recorded_at,
                                                  reported_by, status, urgency, data)
                    values (?, ?, 'NOTE_ADDED', now(), now(), now(), 'org-test', 'APPLIED', 'LOW', ?)""")) {
                insert.setObject(1, eventId);
                insert.setObject(2, caseId);
                insert.setString(3, sealed(cipher, data, PersonalData.timelineData(eventId), caseId));
                insert.executeUpdate();
            }
        }
        return caseId;
    }

    private String sealed(FieldCipher cipher, String plaintext, String context, UUID caseId) {
        if (plaintext == null) {
            return null;
        }
        written.put(context, plaintext);
        contextCase.put(context, caseId);
        return cipher == null ? plaintext : cipher.seal(plaintext, context);
    }

    /** Context -> stored value of every non-null personal column. */
    private Map<String, String> stored() throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            ResultSet cases = sql.executeQuery("select case_id, person, place_taken from cases");
            while (cases.next()) {
                UUID caseId = cases.getObject(1, UUID.class);
                if (cases.getString(2) != null) {
                    values.put(PersonalData.person(caseId), cases.getString(2));
                }
                if (cases.getString(3) != null) {
                    values.put(PersonalData.placeTaken(caseId), cases.getString(3));
                }
            }
            ResultSet timeline = sql.executeQuery("select event_id, data from timeline_entries");
            while (timeline.next()) {
                if (timeline.getString(2) == null) {
                    continue;
                }
                values.put(PersonalData.timelineData(timeline.getObject(1, UUID.class)), timeline.getString(2));
            }
        }
        return values;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl(db), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
