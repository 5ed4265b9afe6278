package org.homeward.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the benchmarks read of the machine from {@code /proc}: the CPU time of a process, of the embedded PostgreSQL
 * server, and the load average. CPU per event depends much less on the machine's other load than rates do, so every
 * benchmark prints it.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: the unit of utime and stime in {@code /proc/PID/stat}. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat), 0 when gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14, 15 counted from 1
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The embedded server's postmaster (first line of {@code postgres/postmaster.pid} under the system's data
     * directory) and its processes alive now; not other PostgreSQL servers. Empty when it is not the embedded server.
     */
    static List<ProcessHandle> postgres(Path dataDir) {
        List<ProcessHandle> postgres = new ArrayList<>();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0)
                    .trim());
            ProcessHandle.of(postmaster).ifPresent(p -> {
                postgres.add(p);
                p.descendants().forEach(postgres::add);
            });
        } catch (IOException | RuntimeException e) {
            // not the embedded server
        }
        return postgres;
    }

    /** CPU ticks of the embedded PostgreSQL server's processes alive now. */
    static long postgresTicks(Path dataDir) {
        return postgres(dataDir).stream().mapToLong(p -> ticks(p.pid())).sum();
    }

    /**
     * Milliseconds of CPU per event of each process between two samples ({@link #ticks}, by name), and in all; with
     * {@code ceiling}, also the events per second the cores of this machine could take at that cost.
     */
    static String perEvent(Map<String, Long> before, Map<String, Long> after, long events, boolean ceiling) {
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            double ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 1000.0 / TICKS_PER_SECOND
                    / Math.max(1, events);
            total += ms;
            text.append(String.format(Locale.ROOT, "%s %.2f ms, ", e.getKey(), ms));
        }
        text.append(String.format(Locale.ROOT, "all %.2f ms", total));
        if (ceiling) {
            int cores = Runtime.getRuntime().availableProcessors();
            text.append(String.format(Locale.ROOT, " (at most %.0f events/s on %d cores)", cores * 1000 / total,
                    cores));
        }
        return text.toString();
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
