package org.homeward.support.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.support.kafka.PublishFailedException;

/**
 * Which failures mean "a dependency did not answer" (PostgreSQL paused, stopped or cut off; the pool out of
 * connections; Kafka silent) rather than a fault of the request or the code, and the one answer every service gives for
 * them: {@code 503 dependency-unavailable} with {@code Retry-After} ({@code homeward.http.retry-after-seconds}, 5 by
 * default). {@link ProblemMappers} applies it to whatever a request throws, so no service answers such a failure with
 * a 500. docs/reliability.md ("Bounded answers") says what bounds the wait before the failure is raised.
 */
public final class DependencyFailures {

    /** Agroal's own failure to hand out a connection within {@code acquisition-timeout} carries no SQL state. */
    private static final String[] UNAVAILABLE_STATES = {
        "08", // connection exception: refused, broken, closed (pgjdbc's socketTimeout ends in 08006)
        "53", // insufficient resources: too many connections, out of memory or disk
        "57P", // operator intervention: admin or crash shutdown, cannot connect now (starting up)
        "57014", // query_canceled: statement_timeout or a cancel request
    };

    private DependencyFailures() {
    }

    /**
     * True when {@code failure}, or anything in its cause chain, says a dependency did not answer. A commit that failed
     * without saying why (a transaction manager's rollback or heuristic outcome with no database error behind it: the
     * connection broke while the only resource, the database, committed) counts too; one with a database error is
     * judged by that error's SQL state.
     */
    public static boolean isUnavailable(Throwable failure) {
        boolean commitFailed = false;
        boolean databaseSaidWhy = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.transaction.HeuristicMixedException
                    || t instanceof jakarta.transaction.HeuristicRollbackException) {
                commitFailed = true;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTimeoutException || t instanceof PublishFailedException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                databaseSaidWhy = true;
                if (whileConnecting(sql)) {
                    return true; // no connection could be made: pgjdbc reports some such failures as 99999
                }
                String state = sql.getSQLState();
                if (state == null) {
                    return true; // the pool could not hand out a connection in time
                }
                if (state != null) {
                    for (String prefix : UNAVAILABLE_STATES) {
                        if (state.startsWith(prefix)) {
                            return true;
                        }
                    }
                }
            }
        }
        return commitFailed && !databaseSaidWhy;
    }

    /** Thrown while the driver opened a connection for the pool (a connect or log-in that failed or timed out). */
    private static boolean whileConnecting(SQLException failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if ((type.equals("org.postgresql.Driver") && frame.getMethodName().equals("connect"))
                    || type.equals("io.agroal.pool.ConnectionFactory")) {
                return true;
            }
        }
        return false;
    }

    /** Seconds a client should wait before it sends the request again. */
    public static int retryAfterSeconds() {
        return ConfigProvider.getConfig().getOptionalValue("homeward.http.retry-after-seconds", Integer.class)
                .orElse(5);
    }

    /** The headers of every 503 answer: {@code Retry-After}. */
    public static Map<String, String> retryAfter() {
        return Map.of("Retry-After", Integer.toString(retryAfterSeconds()));
    }

    /** The problem for a request that failed because a dependency did not answer. */
    public static Problem problem() {
        return Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "The service's database or message broker did not "
                + "answer in time. Send the request again after the Retry-After delay. A request that changes "
                + "something may or may not have taken effect: repeat it with the same Idempotency-Key where the "
                + "operation takes one, and check its effect where it does not.");
    }

    /** The exception to throw for such a request. */
    public static ProblemException exception() {
        return new ProblemException(problem(), retryAfter());
    }
}
