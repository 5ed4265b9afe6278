package org.homeward.support.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Starts {@link BackgroundLoop}s with the application and stops them with it, and reports each one's health: a
 * readiness check and a liveness check named {@code background loop <name>}, with the loop's state, last success,
 * last failure and its stall bound as data. Readiness is DOWN while a loop that holds readiness is STALLED or DEAD;
 * liveness is DOWN while a loop is DEAD.
 *
 * <p>Owners that must stop their loop at a particular point of their own shutdown call {@link BackgroundLoop#stop()}
 * themselves; every loop still running when the owners' shutdown observers are done is stopped here.
 */
@ApplicationScoped
public class BackgroundLoops {

    private static final Logger LOG = Logger.getLogger(BackgroundLoops.class);

    @Inject
    @Readiness
    HealthRegistry readiness;

    @Inject
    @Liveness
    HealthRegistry liveness;

    private final List<BackgroundLoop> loops = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread watchdog;

    /** Creates the loop, registers its health checks and starts it. */
    public BackgroundLoop start(BackgroundLoop.Spec spec, BackgroundLoop.Pass pass) {
        BackgroundLoop loop = new BackgroundLoop(spec, pass);
        register(loop);
        loop.start();
        return loop;
    }

    /**
     * A pass over stored data after start-up (re-keying names, deriving cases again), batch by batch until nothing is
     * pending; the service works meanwhile. A batch that does nothing while items are still pending (rows held by a
     * transaction right now) is tried again after the busy wait. Maintenance work: a stall is logged and shown, and
     * leaves readiness UP.
     *
     * @param batch does one batch, answers how many items it did
     * @param pending answers how many items are still to do
     */
    public BackgroundLoop untilDone(String name, IntSupplier batch, LongSupplier pending) {
        AtomicLong done = new AtomicLong();
        return start(BackgroundLoop.Spec.named(name).backoff(java.time.Duration.ofMillis(500),
                java.time.Duration.ofSeconds(30)).stallAfter(java.time.Duration.ofMinutes(5)).maintenance(), () -> {
                    int did = batch.getAsInt();
                    done.addAndGet(did);
                    if (did > 0) {
                        return BackgroundLoop.Next.AGAIN;
                    }
                    if (pending.getAsLong() > 0) {
                        return BackgroundLoop.Next.BUSY;
                    }
                    if (done.get() > 0) {
                        LOG.infof("%s: done with %d items", name, done.get());
                    }
                    return BackgroundLoop.Next.DONE;
                });
    }

    /** Every loop started here, for health and tests. */
    public List<BackgroundLoop> loops() {
        return new ArrayList<>(loops);
    }

    /** Stops a loop and withdraws its health checks (a loop that was only needed for a while). */
    public void remove(BackgroundLoop loop) throws InterruptedException {
        loop.stop();
        loops.remove(loop);
        readiness.remove(checkName(loop));
        liveness.remove(checkName(loop));
    }

    void register(BackgroundLoop loop) {
        loops.add(loop);
        watch();
        readiness.register(checkName(loop), (HealthCheck) () -> response(loop, true));
        liveness.register(checkName(loop), (HealthCheck) () -> response(loop, false));
    }

    /**
     * Looks at every loop every 5 s, so that a pass hung on a dependency is logged as STALLED even where nothing asks
     * for health (a failing loop logs its own stall).
     */
    private synchronized void watch() {
        if (watchdog != null) {
            return;
        }
        watchdog = new Thread(() -> {
            try {
                while (!stopping.await(5, TimeUnit.SECONDS)) {
                    loops.forEach(BackgroundLoop::status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "background-loops-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static String checkName(BackgroundLoop loop) {
        return "background loop " + loop.name();
    }

    static HealthCheckResponse response(BackgroundLoop loop, boolean forReadiness) {
        BackgroundLoop.Status status = loop.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(checkName(loop))
                .status(forReadiness ? status.ready() : status.live())
                .withData("state", status.state().name())
                .withData("lastSuccess", status.lastSuccess().map(Object::toString).orElse("never"))
                .withData("stallAfterSeconds", status.stallAfter().toSeconds())
                .withData("holdsReadiness", status.holdsReadiness());
        status.lastFailure().ifPresent(at -> builder.withData("lastFailure", at.toString()));
        status.lastFailureKind().ifPresent(kind -> builder.withData("lastFailureKind", kind));
        if (status.consecutiveFailures() > 0) {
            builder.withData("consecutiveFailures", status.consecutiveFailures());
        }
        return builder.build();
    }

    void stopAll(@Observes @Priority(5000) ShutdownEvent shutdown) {
        stopping.countDown();
        for (BackgroundLoop loop : loops) {
            try {
                loop.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                readiness.remove(checkName(loop));
                liveness.remove(checkName(loop));
            } catch (RuntimeException e) {
                // the registry may be gone already during shutdown
            }
        }
    }
}
