package org.homeward.cases.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Gauges read the database at most once per period, and NaN while it does not answer. */
class CachedReadingTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void readsAgainOnlyWhenTheLastReadingIsOlderThanItsPeriod() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading reading = new CachedReading(Duration.ofSeconds(5), 2,
                () -> new double[] {reads.incrementAndGet(), 10 * reads.get()}, clock);

        assertEquals(1, reading.get(0));
        assertEquals(10, reading.get(1)); // the same reading: one statement for all the gauges
        now = now.plusSeconds(4);
        assertEquals(1, reading.get(0));
        now = now.plusSeconds(1);
        assertEquals(2, reading.get(0));
        assertEquals(2, reads.get());
    }

    @Test
    void everyValueIsNanWhileTheDatabaseDoesNotAnswer() {
        boolean[] down = {true};
        CachedReading reading = new CachedReading(Duration.ofSeconds(5), 2, () -> {
            if (down[0]) {
                throw new SQLException("connection refused");
            }
            return new double[] {3, 4};
        }, clock);

        assertTrue(Double.isNaN(reading.get(0)));
        assertTrue(Double.isNaN(reading.get(1)));
        down[0] = false;
        now = now.plusSeconds(5);
        assertEquals(3, reading.get(0));
    }
}
