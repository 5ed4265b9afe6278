package org.homeward.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.registry.domain.CaseRegistry.CaseAccess;
import org.homeward.intake.registry.domain.CaseRegistry.KnownEvent;
import org.homeward.intake.submission.persistence.AcceptStore;
import org.homeward.intake.submission.persistence.AcceptStore.Key;
import org.homeward.intake.submission.persistence.AcceptStore.Reads;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * The accept pipeline's statements on one connection: the reads of one round trip answer exactly what is stored
 * (keys, unsettled attempts, owners and shares, known events) and take the key's lock; keys are stored in one batch,
 * and a key that has not expired is never replaced.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class AcceptStoreTest {

    private static final String ORG = "accept-store-org";

    @Inject
    AcceptStore store;

    @Test
    void oneRoundTripOfReadsAnswersWhatIsStoredAndNothingElse() throws Exception {
        UUID owned = UUID.randomUUID();
        UUID shared = UUID.randomUUID();
        UUID unknownCase = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        UUID retraction = UUID.randomUUID();
        String stored = "stored-" + UUID.randomUUID();
        String expired = "expired-" + UUID.randomUUID();
        String unsettled = "unsettled-" + UUID.randomUUID();
        Instant attemptedAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        try (Connection db = IdempotencyTest.intakeDatabase()) {
            update(db, "insert into cases values (?, ?, ?, now())", owned, ORG, UUID.randomUUID());
            update(db, "insert into cases values (?, ?, ?, now())", shared, "owner-org", UUID.randomUUID());
            update(db, "insert into case_shares values (?, ?, now())", shared, ORG);
            update(db, "insert into case_shares values (?, ?, now())", shared, "third-org");
            update(db, "insert into case_events values (?, ?, ?, 'CAPTURED', ?, now())", event, owned, ORG,
                    retraction);
            update(db, "insert into idempotency_keys values (?, ?, 'fp-stored', ?, ?, now(), now() + interval '1 hour')",
                    ORG, stored, owned, event);
            update(db, "insert into idempotency_keys values (?, ?, 'fp-expired', null, null, now() - interval '2 days',"
                    + " now() - interval '1 day')", ORG, expired);
            update(db, "insert into unsettled_publications values (?, ?, 'fp-unsettled', ?, ?, ?)", ORG, unsettled,
                    owned, event, java.sql.Timestamp.from(attemptedAt));
        }

        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            Reads reads = store.read(connection, ORG, IdempotencyStore.lockId(ORG, stored),
                    List.of(stored, expired, unsettled, "never-used"), List.of(owned, shared, unknownCase),
                    List.of(event, UUID.randomUUID()));
            connection.rollback();

            assertTrue(reads.locked(), "nobody else holds the key");
            assertEquals(Set.of(stored), reads.keys().keySet(), "only the unexpired stored key");
            assertEquals("fp-stored", reads.keys().get(stored).fingerprint());
            assertEquals(owned, reads.keys().get(stored).caseId());
            assertEquals(event, reads.keys().get(stored).eventId());
            assertEquals(Set.of(unsettled), reads.unsettled().keySet());
            assertEquals(attemptedAt, reads.unsettled().get(unsettled).attemptedAt());
            assertEquals(event, reads.unsettled().get(unsettled).eventId());
            assertEquals(Set.of(owned, shared), reads.access().keySet(), "an unknown case is absent");
            assertEquals(new CaseAccess(ORG, Set.of()), reads.access().get(owned));
            assertEquals(new CaseAccess("owner-org", Set.of(ORG, "third-org")), reads.access().get(shared));
            KnownEvent known = reads.events().get(event);
            assertEquals(owned, known.caseId());
            assertEquals(ORG, known.reportedBy());
            assertEquals(retraction, known.retractedBy());
            assertEquals(1, reads.events().size(), "an unknown event is absent");
        }
    }

    @Test
    void theReadsTellWhenAnotherTransactionHoldsTheKey() throws Exception {
        String key = "held-" + UUID.randomUUID();
        try (Connection other = IdempotencyTest.intakeDatabase(); Connection connection = store.connection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, IdempotencyStore.lockId(ORG, key));
                lock.execute();
            }
            connection.setAutoCommit(false);
            assertFalse(store.read(connection, ORG, IdempotencyStore.lockId(ORG, key), List.of(key), List.of(),
                    List.of()).locked());
            connection.rollback();
            other.rollback();

            // The holder is gone: the lock is free again, and reads without a key take no lock at all.
            assertTrue(store.read(connection, ORG, IdempotencyStore.lockId(ORG, key), List.of(key), List.of(),
                    List.of()).locked());
            connection.rollback();
            connection.setAutoCommit(true);
            assertTrue(store.read(connection, ORG, null, List.of(), List.of(UUID.randomUUID()), List.of()).locked());
        }
    }

    @Test
    void keysAreStoredInOneBatchAndAnUnexpiredKeyIsNeverReplaced() throws Exception {
        String first = "batch-" + UUID.randomUUID();
        String second = first + "#1";
        String request = first + "-request";
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            store.rememberKeys(connection, ORG, List.of(new Key(first, "fp-1", caseId, eventId),
                    new Key(second, "fp-2", caseId, UUID.randomUUID()), new Key(request, "fp-request", null, null)));
            connection.commit();
            // The same key again (a retry whose commit raced another's): the stored one stands.
            store.rememberKeys(connection, ORG, List.of(new Key(first, "fp-other", UUID.randomUUID(),
                    UUID.randomUUID())));
            connection.commit();
            connection.setAutoCommit(true);
        }
        try (Connection db = IdempotencyTest.intakeDatabase()) {
            assertEquals("fp-1 " + caseId + " " + eventId, row(db, first));
            assertEquals("fp-2 " + caseId, row(db, second).substring(0, 41));
            assertEquals("fp-request null null", row(db, request));

            update(db, "update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = ?",
                    first);
        }
        UUID newEvent = UUID.randomUUID();
        try (Connection connection = store.connection()) {
            store.rememberKeys(connection, ORG, List.of(new Key(first, "fp-new", caseId, newEvent)));
        }
        try (Connection db = IdempotencyTest.intakeDatabase()) {
            assertEquals("fp-new " + caseId + " " + newEvent, row(db, first), "an expired key is replaced");
        }
        try (Connection connection = store.connection()) {
            assertNull(store.read(connection, "another-org", null, List.of(first), List.of(), List.of()).keys()
                    .get(first), "keys belong to their organisation");
        }
    }

    private static String row(Connection db, String key) throws Exception {
        try (PreparedStatement select = db.prepareStatement("select fingerprint, case_id, event_id from "
                + "idempotency_keys where organisation = ? and idempotency_key = ?")) {
            select.setString(1, ORG);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) : "none";
            }
        }
    }

    private static void update(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
