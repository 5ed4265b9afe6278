package org.homeward.cases.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Values read from the database for gauges, read again at most every {@code maxAge}: Prometheus may scrape every few
 * seconds from several servers, and each scrape reads every gauge. While the database does not answer, every value is
 * NaN (Prometheus shows no value rather than a stale one).
 */
public final class CachedReading {

    /** One reading of all the values at once (one query); throws when the database does not answer. */
    @FunctionalInterface
    public interface Reader {
        double[] read() throws Exception;
    }

    private final Duration maxAge;
    private final Reader reader;
    private final int size;
    private final Clock clock;
    private double[] values;
    private Instant readAt = Instant.MIN;

    public CachedReading(Duration maxAge, int size, Reader reader) {
        this(maxAge, size, reader, Clock.systemUTC());
    }

    CachedReading(Duration maxAge, int size, Reader reader, Clock clock) {
        this.maxAge = maxAge;
        this.size = size;
        this.reader = reader;
        this.clock = clock;
    }

    /** The {@code index}th value of the latest reading, reading again when it is older than {@code maxAge}. */
    public synchronized double get(int index) {
        Instant now = clock.instant();
        if (values == null || !readAt.plus(maxAge).isAfter(now)) {
            try {
                values = reader.read();
            } catch (Exception e) {
                values = new double[size];
                Arrays.fill(values, Double.NaN);
            }
            readAt = now;
        }
        return values[index];
    }
}
