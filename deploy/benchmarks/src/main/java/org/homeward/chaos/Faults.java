package org.homeward.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * The fault schedule: one fault at a time, each when the pipeline's progress passes its share of the run (fault
 * {@code i} of {@code n} at {@code (i+1)/(n+1)} of the events), so the faults spread over the run at any size and speed,
 * from the partners' sending to the last notifications.
 * What runs: SIGKILL of each service ({@code kills} times each, restarted at once, then awaited ready), the broker
 * stopped and started on the same port and data, PostgreSQL stopped (fast shutdown) and started, and PostgreSQL frozen
 * (SIGSTOP of the postmaster and its backends) and resumed. Each fault is recorded with when it began, how long the
 * dependency was away and when every service answered ready again.
 */
final class Faults {

    enum Kind {
        KILL_INTAKE("SIGKILL intake-service, restart"),
        KILL_CASE("SIGKILL case-service, restart"),
        KILL_NOTIFICATION("SIGKILL notification-service, restart"),
        RESTART_BROKER("Kafka broker stopped, started again"),
        RESTART_POSTGRES("PostgreSQL stopped (fast shutdown), started again"),
        PAUSE_POSTGRES("PostgreSQL paused (SIGSTOP), resumed (SIGCONT)");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    /** One injected fault, as it happened. */
    record Injected(Kind kind, double at, double outage, double readyAfter, String note) {
    }

    private final LocalSystem system;
    private final PrintStream out;
    private final List<Kind> schedule;
    private final Duration outage;
    private final long startNanos;
    final List<Injected> injected = Collections.synchronizedList(new ArrayList<>());

    Faults(LocalSystem system, PrintStream out, int kills, int brokerRestarts, int postgresRestarts,
            int postgresPauses, Duration outage, long startNanos) {
        this.system = system;
        this.out = out;
        this.outage = outage;
        this.startNanos = startNanos;
        this.schedule = schedule(kills, brokerRestarts, postgresRestarts, postgresPauses);
    }

    /**
     * Interleaves the faults so that the same kind never comes twice in a row where avoidable: the service kills in
     * turn (intake, case, notification), with a dependency fault after every second kill.
     */
    static List<Kind> schedule(int kills, int brokerRestarts, int postgresRestarts, int postgresPauses) {
        List<Kind> dependencies = new ArrayList<>();
        int b = brokerRestarts;
        int r = postgresRestarts;
        int p = postgresPauses;
        while (b + r + p > 0) {
            if (b-- > 0) {
                dependencies.add(Kind.RESTART_BROKER);
            }
            if (r-- > 0) {
                dependencies.add(Kind.RESTART_POSTGRES);
            }
            if (p-- > 0) {
                dependencies.add(Kind.PAUSE_POSTGRES);
            }
        }
        List<Kind> services = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            services.add(Kind.KILL_INTAKE);
            services.add(Kind.KILL_CASE);
            services.add(Kind.KILL_NOTIFICATION);
        }
        List<Kind> all = new ArrayList<>();
        int d = 0;
        for (int i = 0; i < services.size(); i++) {
            all.add(services.get(i));
            if (i % 2 == 1 && d < dependencies.size()) {
                all.add(dependencies.get(d++));
            }
        }
        all.addAll(dependencies.subList(d, dependencies.size()));
        return all;
    }

    List<Kind> planned() {
        return List.copyOf(schedule);
    }

    /**
     * Injects every planned fault: fault {@code i} once {@code progress} reaches its share of {@code total}, or when
     * progress has not moved for two minutes (so that every planned fault is injected even if the system stalls).
     */
    void run(LongSupplier progress, long total) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        for (int i = 0; i < schedule.size(); i++) {
            long due = total * (i + 1) / (schedule.size() + 1);
            while (true) {
                long now = progress.getAsLong();
                if (now >= due) {
                    break;
                }
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.MINUTES.toNanos(2)) {
                    out.printf(Locale.ROOT, "[%7.1f s] no progress for 2 minutes; injecting the next fault%n",
                            seconds());
                    lastChange = System.nanoTime();
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            inject(schedule.get(i));
        }
    }

    private void inject(Kind kind) throws InterruptedException {
        double at = seconds();
        out.printf(Locale.ROOT, "[%7.1f s] fault: %s%n", at, kind.what);
        double down = 0;
        String note = "";
        switch (kind) {
            case KILL_INTAKE, KILL_CASE, KILL_NOTIFICATION -> {
                HomewardService service = kind == Kind.KILL_INTAKE ? HomewardService.INTAKE
                        : kind == Kind.KILL_CASE ? HomewardService.CASE : HomewardService.NOTIFICATION;
                system.killService(service);
                down = seconds() - at;
                try {
                    system.startService(service);
                } catch (java.io.IOException e) {
                    note = "restart failed: " + e.getClass().getSimpleName();
                }
            }
            case RESTART_BROKER -> {
                system.interruptKafka();
                TimeUnit.MILLISECONDS.sleep(outage.toMillis());
                system.resumeKafka();
                down = seconds() - at;
            }
            case RESTART_POSTGRES -> {
                system.stopPostgres();
                TimeUnit.MILLISECONDS.sleep(outage.toMillis());
                system.startPostgres();
                down = seconds() - at;
            }
            case PAUSE_POSTGRES -> {
                system.pausePostgres();
                TimeUnit.MILLISECONDS.sleep(outage.toMillis());
                system.resumePostgres();
                down = seconds() - at;
            }
        }
        note = (note + " " + awaitAllReady()).trim();
        double ready = seconds() - at;
        injected.add(new Injected(kind, at, down, ready, note));
        out.printf(Locale.ROOT, "[%7.1f s]   back: away %.1f s, every service ready %.1f s after the fault%s%n",
                seconds(), down, ready, note.isEmpty() ? "" : " (" + note + ")");
    }

    /** Waits until every service answers ready; a service not ready in 3 minutes is noted, and the run goes on. */
    private String awaitAllReady() throws InterruptedException {
        List<String> notReady = new ArrayList<>();
        for (HomewardService service : HomewardService.APIS) {
            try {
                var process = system.services().get(service);
                if (process == null || !process.process().isAlive()) {
                    notReady.add(service.module() + " had exited on its own, started again");
                    system.startService(service);
                }
                system.awaitReady(service);
            } catch (java.io.IOException e) {
                notReady.add(service.module() + " could not be started again");
            } catch (IllegalStateException | NullPointerException e) {
                notReady.add(service.module() + " not ready within 180 s");
            }
        }
        return String.join("; ", notReady);
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
