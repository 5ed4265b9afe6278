package org.homeward.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies of one measured operation, and how they are printed: count, throughput, p50, p95, p99 and max. Every
 * benchmark prints through this, so their numbers read the same way. Not thread-safe: one recorder per thread, then
 * {@link #merge}.
 */
public final class Measurements {

    private final String name;
    private long[] nanos = new long[1024];
    private int count;
    private Duration wallClock = Duration.ZERO;

    public Measurements(String name) {
        this.name = name;
    }

    public void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    /** How long the whole run took, for throughput. */
    public void wallClock(Duration duration) {
        wallClock = duration;
    }

    public Measurements merge(Measurements other) {
        for (int i = 0; i < other.count; i++) {
            record(other.nanos[i]);
        }
        return this;
    }

    public int count() {
        return count;
    }

    public double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }

    public double perSecond() {
        return wallClock.isZero() ? Double.NaN : count / (wallClock.toNanos() / 1e9);
    }

    public String line() {
        return String.format(Locale.ROOT, "%-40s n=%-7d %9.1f/s  p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
                name, count, perSecond(), percentileMillis(50), percentileMillis(95), percentileMillis(99),
                percentileMillis(100));
    }

    /** Prints the lines and appends them, with the date and machine, to target/benchmarks/{benchmark}.txt. */
    public static void report(String benchmark, PrintStream out, Measurements... all) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(benchmark).append(" at ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append('\n');
        for (Measurements m : all) {
            text.append(m.line()).append('\n');
        }
        out.print(text);
        Path file = Path.of("deploy", "benchmarks", "target", "benchmarks", benchmark + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
