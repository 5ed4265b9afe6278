package org.homeward.support.messaging;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import org.hibernate.StaleStateException;
import org.homeward.support.problem.DependencyFailures;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * How consumers retry: in place, never through a delayed-retry topic (that would break per-person order). Transient
 * failures (database unreachable, lock conflicts) are retried until they pass, since skipping a message would apply a
 * person's later messages without it. Other failures are retried until {@code attempts} of them happened; then, if
 * the database answers (a failure while it does not is the outage's, whatever its class: a driver error on a
 * connection broken mid-read), the exception leaves and the consumer keeps the record aside (a case on hold) or
 * dead-letters it. Transient failures do not count towards {@code attempts}.
 */
public final class RetryInPlace {

    private static final Logger LOG = Logger.getLogger(RetryInPlace.class);

    private final int attempts;
    private final Duration maxBackoff;
    private final java.util.function.BooleanSupplier stopping;
    private final java.util.function.BooleanSupplier databaseAnswers;

    /** {@code stopping} answers true once the service is shutting down: retrying then ends with {@link Stopped}. */
    public RetryInPlace(int attempts, Duration maxBackoff, java.util.function.BooleanSupplier stopping) {
        this(attempts, maxBackoff, stopping, () -> true);
    }

    /** {@code databaseAnswers} is asked before a failure is declared final: while it says false, retrying goes on. */
    public RetryInPlace(int attempts, Duration maxBackoff, java.util.function.BooleanSupplier stopping,
            java.util.function.BooleanSupplier databaseAnswers) {
        this.attempts = attempts;
        this.maxBackoff = maxBackoff;
        this.stopping = stopping;
        this.databaseAnswers = databaseAnswers;
    }

    /** Runs {@code work} until it succeeds or fails for good; {@code what} names it in logs (ids only). */
    public void run(String what, Runnable work) throws InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        int failures = 0; // not transient
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    throw new Stopped();
                }
                boolean transientFailure = isTransient(e);
                if (!transientFailure && ++failures >= attempts) {
                    if (databaseAnswers.getAsBoolean()) {
                        LOG.errorf("%s failed for good (%d attempts, %d not transient): %s", what, attempt, failures,
                                SafeLog.describe(e));
                        throw e;
                    }
                    LOG.warnf("%s failed while the database does not answer; retried until it does", what);
                    failures = attempts - 1;
                }
                LOG.warnf("%s failed (attempt %d, %s); retrying in %d ms", what, attempt,
                        transientFailure ? "transient" : e.getClass().getSimpleName(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** The service began to stop while the work was failing: it was neither done nor failed for good. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopping", null, false, false);
        }
    }

    /**
     * Failures that pass by themselves if the same work is simply tried again: a dependency that did not answer (the
     * one definition every service answers 503 for, {@link DependencyFailures}), and conflicts with other
     * transactions (optimistic and pessimistic locks, serialization failures and deadlocks, SQL state {@code 40…}).
     */
    public static boolean isTransient(Throwable failure) {
        if (DependencyFailures.isUnavailable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException || t instanceof StaleStateException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
