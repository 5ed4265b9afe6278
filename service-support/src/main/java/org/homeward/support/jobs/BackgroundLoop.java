package org.homeward.support.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * A named piece of background work that runs pass after pass on a thread of its own: the outbox relay, the delivery
 * engine's dispatcher and recorder, key rotation, the start-up passes over stored data. Start it through
 * {@link BackgroundLoops}, which ties it to the Quarkus lifecycle and reports its health.
 *
 * <p>Between passes the loop does what the pass asked for ({@link Next}): goes on at once, waits for a
 * {@link #wake() wake-up} or its idle interval, waits a short while because the work is held elsewhere, or ends
 * because there is nothing left to do. A pass that throws is retried with exponential back-off from
 * {@link Spec#initialBackoff} up to {@link Spec#maxBackoff}; a wake-up does not cut a back-off short.
 *
 * <p><b>Stalled.</b> A loop is stalled when its passes have failed, with no success in between, for longer than
 * {@link Spec#stallAfter}, or when one pass has been running for longer than that (hung on a dependency). A stalled
 * loop that {@link Spec#holdsReadiness holds readiness} turns the service's readiness DOWN; any stalled loop is logged
 * once as an error and shown as {@code STALLED} in the health data. A loop whose thread ended by an unexpected error
 * is {@code DEAD} and turns liveness DOWN (a restart is the remedy).
 *
 * <p><b>Stopping.</b> {@link #stop()} lets the current pass end for up to {@link Spec#stopGrace}, then interrupts the
 * thread and waits for it a little more. A pass sees the interrupt as an {@link InterruptedException} or the thread's
 * interrupt flag; the loop never treats an interrupt while stopping as a failure.
 *
 * <p>Logs carry the loop's name, counts, times and failure classes only: a failure's message is logged only when it
 * is a {@link LoopFailure}, whose message Homeward writes without personal data.
 */
public final class BackgroundLoop {

    /** What the loop does after a pass that did not throw. */
    public enum Next {
        /** There may be more to do: run the next pass at once. */
        AGAIN,
        /** Nothing to do now: wait for a wake-up or the idle interval. */
        IDLE,
        /** Work is pending but held elsewhere (another transaction): wait {@link Spec#busyWait}, then try again. */
        BUSY,
        /** Nothing is left to do, ever: the loop ends as {@link State#FINISHED}. */
        DONE
    }

    /** One pass of the loop's work. */
    @FunctionalInterface
    public interface Pass {
        Next run() throws Exception;
    }

    /** What the loop is doing, as the health checks report it. */
    public enum State {
        /** Created, not started yet. */
        NEW,
        /** Passes succeed (or the loop waits for work). */
        RUNNING,
        /** The last pass failed; within the stall bound, retrying with back-off. */
        FAILING,
        /** Failing, or one pass running, for longer than the stall bound. */
        STALLED,
        /** Done for good ({@link Next#DONE}). */
        FINISHED,
        /** Stopped with the service. */
        STOPPED,
        /** The thread ended by an unexpected error while the loop should have run. */
        DEAD
    }

    /**
     * How a loop runs and when it is stalled.
     *
     * @param name thread name and health check name, e.g. {@code outbox-relay}
     * @param idleWait wait after {@link Next#IDLE} unless woken earlier
     * @param busyWait wait after {@link Next#BUSY}
     * @param initialBackoff wait after the first failure; doubled after each further failure
     * @param maxBackoff the cap on that wait
     * @param stallAfter the bound: failing with no success, or one pass running, for longer is stalled
     * @param holdsReadiness whether a stall turns readiness DOWN (false for maintenance work whose delay leaves the
     *        service able to serve: the stall is then logged and shown, but the replica stays in service)
     * @param stopGrace how long {@link #stop()} lets the current pass end before interrupting it
     */
    public record Spec(String name, Duration idleWait, Duration busyWait, Duration initialBackoff, Duration maxBackoff,
            Duration stallAfter, boolean holdsReadiness, Duration stopGrace) {

        public Spec {
            Objects.requireNonNull(name, "name");
            if (idleWait.isNegative() || busyWait.isNegative() || initialBackoff.isNegative()
                    || maxBackoff.compareTo(initialBackoff) < 0 || stallAfter.isZero() || stallAfter.isNegative()
                    || stopGrace.isNegative()) {
                throw new IllegalArgumentException("loop " + name + ": inconsistent timings");
            }
        }

        /** Defaults: idle 1 s, busy 1 s, back-off 200 ms doubling to 10 s, stalled after 60 s, holds readiness. */
        public static Spec named(String name) {
            return new Spec(name, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(200),
                    Duration.ofSeconds(10), Duration.ofSeconds(60), true, Duration.ofSeconds(10));
        }

        /**
         * Maintenance that runs every {@code interval} (key rotations): a stall is logged and shown after the interval
         * (at least 15 minutes) but leaves readiness UP; failures back off from 1 s to 5 minutes (at most the
         * interval).
         */
        public static Spec maintenanceEvery(String name, Duration interval) {
            Duration stall = interval.compareTo(Duration.ofMinutes(15)) < 0 ? Duration.ofMinutes(15) : interval;
            Duration maxBackoff = interval.compareTo(Duration.ofMinutes(5)) < 0 ? interval : Duration.ofMinutes(5);
            return named(name).idleWait(interval)
                    .backoff(Duration.ofSeconds(1).compareTo(maxBackoff) < 0 ? Duration.ofSeconds(1) : maxBackoff,
                            maxBackoff)
                    .stallAfter(stall).maintenance();
        }

        public Spec idleWait(Duration wait) {
            return new Spec(name, wait, busyWait, initialBackoff, maxBackoff, stallAfter, holdsReadiness, stopGrace);
        }

        public Spec busyWait(Duration wait) {
            return new Spec(name, idleWait, wait, initialBackoff, maxBackoff, stallAfter, holdsReadiness, stopGrace);
        }

        public Spec backoff(Duration initial, Duration max) {
            return new Spec(name, idleWait, busyWait, initial, max, stallAfter, holdsReadiness, stopGrace);
        }

        public Spec stallAfter(Duration bound) {
            return new Spec(name, idleWait, busyWait, initialBackoff, maxBackoff, bound, holdsReadiness, stopGrace);
        }

        /** A stall is logged and shown but leaves readiness UP (maintenance work). */
        public Spec maintenance() {
            return new Spec(name, idleWait, busyWait, initialBackoff, maxBackoff, stallAfter, false, stopGrace);
        }

        public Spec stopGrace(Duration grace) {
            return new Spec(name, idleWait, busyWait, initialBackoff, maxBackoff, stallAfter, holdsReadiness, grace);
        }
    }

    /** A snapshot for health checks and tests. */
    public record Status(String name, State state, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
            Optional<String> lastFailureKind, int consecutiveFailures, Optional<Instant> failingSince,
            Optional<Instant> passStartedAt, boolean holdsReadiness, Duration stallAfter) {

        /** DOWN for readiness: stalled (or dead) and holding readiness. */
        public boolean ready() {
            return !holdsReadiness || (state != State.STALLED && state != State.DEAD);
        }

        /** DOWN for liveness: the thread died while the loop should have run. */
        public boolean live() {
            return state != State.DEAD;
        }
    }

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);
    /** While a loop keeps failing, a reminder is logged at most this often. */
    private static final Duration REMIND_EVERY = Duration.ofMinutes(5);

    private final Spec spec;
    private final Pass pass;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean stallLogged = new AtomicBoolean();
    private final Object state = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    // guarded by state
    private State phase = State.NEW;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastFailureKind;
    private int consecutiveFailures;
    private Instant failingSince;
    private Instant passStartedAt;
    private Instant lastReminder;

    public BackgroundLoop(Spec spec, Pass pass) {
        this(spec, pass, Clock.systemUTC());
    }

    BackgroundLoop(Spec spec, Pass pass, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.pass = Objects.requireNonNull(pass, "pass");
        this.clock = clock;
    }

    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    /** Starts the loop's thread (a daemon named after the loop). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("loop " + spec.name() + " already started");
        }
        running = true;
        synchronized (state) {
            phase = State.RUNNING;
        }
        Thread t = new Thread(this::run, spec.name());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((failed, error) -> died(error));
        thread = t;
        t.start();
    }

    /** Ends the wait between passes now (new work arrived); has no effect on a back-off after a failure. */
    public void wake() {
        wake.release();
    }

    /**
     * Stops the loop: no new pass starts; the current one may end for up to {@link Spec#stopGrace}, then it is
     * interrupted. Idempotent; answers whether the thread ended.
     */
    public boolean stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        wake.release();
        Thread t = thread;
        if (t == null) {
            return true;
        }
        if (t != Thread.currentThread()) {
            t.join(Math.max(1, spec.stopGrace().toMillis()));
            if (t.isAlive()) {
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        synchronized (state) {
            if (phase != State.DEAD && phase != State.FINISHED) {
                phase = State.STOPPED;
            }
        }
        if (t.isAlive()) {
            LOG.warnf("Background loop %s did not end within %d ms of being stopped", spec.name(),
                    spec.stopGrace().toMillis() + 5000);
            return false;
        }
        return true;
    }

    /** Whether the loop still runs passes (started, not stopped, finished or dead). */
    public boolean running() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    public Status status() {
        Instant now = clock.instant();
        Status status;
        synchronized (state) {
            State reported = phase;
            Thread t = thread;
            if ((phase == State.RUNNING || phase == State.FAILING) && t != null && !t.isAlive() && running) {
                reported = State.DEAD; // ended without passing through died(): never report such a loop alive
            } else if (phase == State.RUNNING || phase == State.FAILING) {
                boolean failingTooLong = failingSince != null
                        && Duration.between(failingSince, now).compareTo(spec.stallAfter()) > 0;
                boolean passTooLong = passStartedAt != null
                        && Duration.between(passStartedAt, now).compareTo(spec.stallAfter()) > 0;
                if (failingTooLong || passTooLong) {
                    reported = State.STALLED;
                }
            }
            status = new Status(spec.name(), reported, Optional.ofNullable(lastSuccess),
                    Optional.ofNullable(lastFailure), Optional.ofNullable(lastFailureKind), consecutiveFailures,
                    Optional.ofNullable(failingSince), Optional.ofNullable(passStartedAt), spec.holdsReadiness(),
                    spec.stallAfter());
        }
        if (status.state() == State.STALLED && stallLogged.compareAndSet(false, true)) {
            if (status.passStartedAt().isPresent() && status.consecutiveFailures() == 0) {
                LOG.errorf("Background loop %s is STALLED: one pass has been running since %s (bound %s)%s",
                        spec.name(), status.passStartedAt().get(), spec.stallAfter(), readinessNote());
            } else {
                LOG.errorf("Background loop %s is STALLED: %d failures in a row since %s, last %s (bound %s)%s",
                        spec.name(), status.consecutiveFailures(), status.failingSince().orElse(null),
                        status.lastFailureKind().orElse("?"), spec.stallAfter(), readinessNote());
            }
        }
        return status;
    }

    private String readinessNote() {
        return spec.holdsReadiness() ? "; readiness is DOWN until it succeeds again"
                : "; readiness stays UP (maintenance work)";
    }

    private void run() {
        int failures = 0;
        while (running) {
            Next next;
            synchronized (state) {
                passStartedAt = clock.instant();
            }
            try {
                wake.drainPermits(); // a wake-up from now on (e.g. during the pass) ends the idle wait below at once
                next = Objects.requireNonNull(pass.run(), "a pass answers what comes next");
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
                next = null;
                failures = failed(++failures, e);
            } catch (Exception e) {
                if (!running && (Thread.currentThread().isInterrupted()
                        || e.getCause() instanceof InterruptedException)) {
                    break; // interrupted while stopping: not a failure
                }
                next = null;
                failures = failed(++failures, e);
            }
            if (next != null) {
                succeeded(failures);
                failures = 0;
            }
            Thread.interrupted(); // a stray interrupt of a pass that ended is not a reason to stop
            try {
                if (next == null) {
                    pause(backoff(failures));
                } else if (next == Next.DONE) {
                    synchronized (state) {
                        phase = State.FINISHED;
                    }
                    running = false;
                    return;
                } else if (next == Next.IDLE) {
                    wake.tryAcquire(spec.idleWait().toMillis(), TimeUnit.MILLISECONDS);
                } else if (next == Next.BUSY) {
                    pause(spec.busyWait());
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        synchronized (state) {
            passStartedAt = null;
            if (phase != State.DEAD) {
                phase = State.STOPPED;
            }
        }
    }

    /** Waits, ending early only when the loop stops. */
    private void pause(Duration wait) throws InterruptedException {
        stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    Duration backoff(int failures) {
        Duration wait = spec.initialBackoff();
        for (int i = 1; i < failures && wait.compareTo(spec.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(spec.maxBackoff()) > 0 ? spec.maxBackoff() : wait;
    }

    private void succeeded(int failuresBefore) {
        Instant now = clock.instant();
        Instant since;
        synchronized (state) {
            since = failingSince;
            lastSuccess = now;
            consecutiveFailures = 0;
            failingSince = null;
            passStartedAt = null;
            lastReminder = null;
            phase = State.RUNNING;
        }
        boolean wasStalled = stallLogged.getAndSet(false);
        if (failuresBefore > 0) {
            LOG.infof("Background loop %s recovered after %d failures over %d s%s", spec.name(), failuresBefore,
                    since == null ? 0 : Duration.between(since, now).toSeconds(), wasStalled ? " (was STALLED)" : "");
        }
    }

    private int failed(int failures, Throwable failure) {
        Instant now = clock.instant();
        boolean remind;
        synchronized (state) {
            lastFailure = now;
            lastFailureKind = kind(failure);
            consecutiveFailures = failures;
            if (failingSince == null) {
                failingSince = now;
            }
            passStartedAt = null;
            phase = State.FAILING;
            remind = failures > 1 && (lastReminder == null
                    || Duration.between(lastReminder, now).compareTo(REMIND_EVERY) >= 0);
            if (remind || failures == 1) {
                lastReminder = now;
            }
        }
        Duration wait = backoff(failures);
        if (failures == 1) {
            LOG.warnf("Background loop %s failed; retrying in %d ms: %s", spec.name(), wait.toMillis(),
                    describe(failure));
        } else if (remind) {
            LOG.warnf("Background loop %s still failing: %d failures in a row; retrying in %d ms: %s", spec.name(),
                    failures, wait.toMillis(), describe(failure));
        } else {
            LOG.debugf("Background loop %s failed again (%d in a row): %s", spec.name(), failures, kind(failure));
        }
        status(); // logs the stall once it begins
        return failures;
    }

    private void died(Throwable error) {
        boolean unexpected;
        synchronized (state) {
            unexpected = running;
            phase = unexpected ? State.DEAD : State.STOPPED;
            lastFailure = clock.instant();
            lastFailureKind = kind(error);
            passStartedAt = null;
        }
        if (unexpected) {
            LOG.errorf("Background loop %s DIED; liveness is DOWN until the service restarts: %s", spec.name(),
                    SafeLog.describe(error));
        }
    }

    private static String kind(Throwable failure) {
        return failure instanceof LoopFailure loopFailure ? loopFailure.getMessage()
                : failure.getClass().getSimpleName();
    }

    private static String describe(Throwable failure) {
        if (failure instanceof LoopFailure) {
            return failure.getMessage() + (failure.getCause() == null ? ""
                    : " (caused by " + SafeLog.describe(failure.getCause()) + ")");
        }
        return SafeLog.describe(failure);
    }
}
