package org.homeward.support.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Which failures a service answers 503 dependency-unavailable rather than 500. */
class DependencyFailuresTest {

    @Test
    void aBrokenConnectionAnywhereInTheChainIsUnavailable() {
        assertTrue(DependencyFailures.isUnavailable(new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend", "08006"))));
    }

    @Test
    void aCommitThatFailedWithoutADatabaseErrorIsUnavailable() {
        // The transaction manager's answer when the one-phase commit on a timed-out connection failed and it kept
        // no cause: the database is the only resource, so the database did not answer.
        assertTrue(DependencyFailures.isUnavailable(new IllegalStateException(
                new RollbackException("ARJUNA016053: Could not commit transaction."))));
    }

    @Test
    void aCommitThatFailedOnABrokenConnectionIsUnavailable() {
        XAException xa = new XAException(XAException.XA_RBCOMMFAIL);
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        RollbackException rollback = new RollbackException("could not commit");
        rollback.initCause(xa);
        assertTrue(DependencyFailures.isUnavailable(rollback));
    }

    @Test
    void aCommitRefusedByAConstraintIsNotUnavailable() {
        RollbackException rollback = new RollbackException("could not commit");
        rollback.initCause(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertFalse(DependencyFailures.isUnavailable(rollback));
    }

    @Test
    void aBugIsNotUnavailable() {
        assertFalse(DependencyFailures.isUnavailable(new IllegalStateException("a bug")));
        assertFalse(DependencyFailures.isUnavailable(new SQLException("syntax error", "42601")));
    }
}
