package org.homeward.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a consumer's failing work is declared failed for good, and when it is not. */
class RetryInPlaceTest {

    private static final RuntimeException BUG = new IllegalStateException("a bug");
    private static final RuntimeException OUTAGE = new RuntimeException(new SQLException("connection lost", "08006"));

    @Test
    void aFailureThatIsNotTransientEndsAfterTheAttempts() {
        AtomicInteger runs = new AtomicInteger();
        RetryInPlace retry = new RetryInPlace(3, Duration.ofMillis(1), () -> false);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> retry.run("work", () -> {
            runs.incrementAndGet();
            throw BUG;
        }));
        assertSame(BUG, thrown);
        assertEquals(3, runs.get());
    }

    @Test
    void transientFailuresDoNotCountTowardsTheAttempts() throws InterruptedException {
        // Seven outage failures, then one driver error on a connection the outage broke, then success: the one
        // error after the outage is the first of its kind, not the last of eight.
        AtomicInteger runs = new AtomicInteger();
        RetryInPlace retry = new RetryInPlace(3, Duration.ofMillis(1), () -> false);
        retry.run("work", () -> {
            int run = runs.incrementAndGet();
            if (run <= 7) {
                throw OUTAGE;
            }
            if (run == 8) {
                throw BUG;
            }
        });
        assertEquals(9, runs.get());
    }

    @Test
    void aFailureWhileTheDatabaseDoesNotAnswerIsNotFinal() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean databaseAnswers = new AtomicBoolean(false);
        RetryInPlace retry = new RetryInPlace(2, Duration.ofMillis(1), () -> false, databaseAnswers::get);
        retry.run("work", () -> {
            int run = runs.incrementAndGet();
            if (run <= 5) {
                throw BUG; // while the database does not answer: five failures, though two are the limit
            }
        });
        assertEquals(6, runs.get());
        databaseAnswers.set(true);
        // Once the database answers, the same failure is final again.
        AtomicInteger more = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> retry.run("work", () -> {
            more.incrementAndGet();
            throw BUG;
        }));
        assertEquals(2, more.get());
    }
}
