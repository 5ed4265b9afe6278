package org.homeward.notifications.delivery.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.notifications.delivery.email.EmailSender;
import org.homeward.notifications.delivery.webhook.WebhookSender;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * Works the {@code deliveries} table: claims due deliveries ({@link DeliveryStore}), makes each attempt
 * asynchronously, records how it ended and when the next try is due ({@link RetryPolicy}).
 *
 * <p>Why a slow or dead receiver delays nobody else: attempts hold no thread while they wait (asynchronous HTTP and
 * SMTP with strict time limits); at most {@code homeward.delivery.concurrency} attempts are in flight on a replica, and
 * at most {@code homeward.delivery.per-subscription} of them for any one subscription, so one receiver can occupy only
 * that many slots for at most its timeout; after a failure its deliveries wait out their back-off and are not claimed
 * meanwhile; and claiming takes at most that many due rows of any one subscription, oldest first.
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSender webhooks;

    @Inject
    EmailSender email;

    @ConfigProperty(name = "homeward.delivery.concurrency", defaultValue = "32")
    int concurrency;

    @ConfigProperty(name = "homeward.delivery.per-subscription", defaultValue = "4")
    int perSubscription;

    @ConfigProperty(name = "homeward.delivery.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    @ConfigProperty(name = "homeward.delivery.lease", defaultValue = "PT1M")
    Duration lease;

    @ConfigProperty(name = "homeward.delivery.attempts", defaultValue = "10")
    int attempts;

    @ConfigProperty(name = "homeward.delivery.initial-backoff", defaultValue = "PT5S")
    Duration initialBackoff;

    @ConfigProperty(name = "homeward.delivery.backoff-factor", defaultValue = "4")
    double backoffFactor;

    @ConfigProperty(name = "homeward.delivery.max-backoff", defaultValue = "PT6H")
    Duration maxBackoff;

    @ConfigProperty(name = "homeward.delivery.jitter", defaultValue = "0.2")
    double jitter;

    @ConfigProperty(name = "homeward.delivery.enabled", defaultValue = "true")
    boolean enabled;

    Clock clock = Clock.systemUTC();

    private RetryPolicy policy;
    private Semaphore slots;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<Instant> lastPass = new AtomicReference<>(Instant.now());
    private volatile boolean running;
    private Thread dispatcher;
    private Thread recorder;
    private final BlockingQueue<DeliveryStore.Finished> finished = new LinkedBlockingQueue<>();

    void start(@Observes StartupEvent startup) {
        policy = new RetryPolicy(attempts, initialBackoff, backoffFactor, maxBackoff, jitter);
        slots = new Semaphore(concurrency);
        if (!enabled) {
            LOG.warn("Delivery engine disabled (homeward.delivery.enabled=false): webhooks and e-mails wait");
            return;
        }
        running = true;
        recorder = new Thread(this::record, "delivery-recorder");
        recorder.setDaemon(true);
        recorder.start();
        dispatcher = new Thread(this::run, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wake.release();
        if (dispatcher != null) {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            // Attempts still in flight end within their timeouts; whatever is not recorded becomes due again
            // when its lease ends, on this or another replica.
            slots.tryAcquire(concurrency, 15, TimeUnit.SECONDS);
            recorder.interrupt();
            recorder.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    void created(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesCreated created) {
        wake.release();
    }

    /** Wakes the engine now, e.g. after a dead delivery was put back. */
    public void wakeUp() {
        wake.release();
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** When the dispatcher last finished a claim without error; readiness uses it. */
    public Instant lastPass() {
        return lastPass.get();
    }

    public boolean running() {
        return running && dispatcher != null && dispatcher.isAlive();
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try {
                wake.drainPermits(); // a wake-up from now on (e.g. during the claim) ends the wait below at once
                int free = slots.availablePermits();
                int wanted = Math.min(free, 100);
                int claimed = 0;
                if (wanted > 0) {
                    Map<UUID, Integer> busy = new HashMap<>();
                    inFlight.forEach((subscription, count) -> {
                        if (count.get() > 0) {
                            busy.put(subscription, count.get());
                        }
                    });
                    List<ClaimedDelivery> batch = store.claim(
                            new DeliveryStore.Claim(wanted, perSubscription, busy, lease));
                    claimed = batch.size();
                    batch.forEach(this::dispatch);
                }
                lastPass.set(Instant.now());
                backoff = 200;
                if (claimed < wanted || wanted == 0) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Claiming deliveries failed; retrying in %d ms: %s", backoff, SafeLog.describe(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /**
     * Starts one attempt. When it ends, the subscription's in-flight count drops at once (that count protects the
     * receiver); the replica's slot is freed once the outcome is recorded (that bounds unrecorded work).
     */
    private void dispatch(ClaimedDelivery delivery) {
        slots.acquireUninterruptibly();
        inFlight.computeIfAbsent(delivery.subscriptionId(), s -> new AtomicInteger()).incrementAndGet();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        CompletableFuture<AttemptResult> attempt;
        try {
            attempt = (delivery.channel() == Channel.WEBHOOK ? webhooks : email).send(delivery);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(failed(e));
        }
        attempt.exceptionally(DeliveryEngine::failed).thenAccept(result -> {
            inFlight.computeIfPresent(delivery.subscriptionId(), (s, count) -> count.decrementAndGet() <= 0 ? null
                    : count);
            finished.add(new DeliveryStore.Finished(delivery, started,
                    Duration.ofNanos(System.nanoTime() - startNanos), result, decide(delivery, result)));
            wake.release(); // the subscription may take its next delivery while this one is being recorded
        });
    }

    private static AttemptResult failed(Throwable e) {
        return AttemptResult.retryable(null, "failed (" + e.getClass().getSimpleName() + ")", Optional.empty());
    }

    /** Records finished attempts in batches: one transaction for everything that finished meanwhile. */
    private void record() {
        List<DeliveryStore.Finished> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                DeliveryStore.Finished first = finished.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, 499);
                recordBatch(batch);
            } catch (InterruptedException e) {
                // stopping: what finished is recorded below; anything still in flight is retried after its lease
                finished.drainTo(batch);
                if (!batch.isEmpty()) {
                    recordBatch(batch);
                }
                Thread.currentThread().interrupt();
            } finally {
                slots.release(batch.size());
                if (!batch.isEmpty()) {
                    wake.release();
                }
                batch.clear();
            }
        }
    }

    private void recordBatch(List<DeliveryStore.Finished> batch) {
        Set<UUID> recorded;
        try {
            recorded = store.recordAll(batch);
        } catch (Exception e) {
            LOG.errorf("Recording %d delivery attempts failed; those deliveries are tried again when their lease ends:"
                    + " %s", batch.size(), SafeLog.describe(e));
            return;
        }
        for (DeliveryStore.Finished f : batch) {
            ClaimedDelivery delivery = f.delivery();
            String status = f.decision().status();
            if (!recorded.contains(delivery.id())) {
                LOG.infof("Delivery %s: attempt ended (%s) after its claim was cancelled or lost", delivery.id(),
                        f.result().kind());
            } else if ("DEAD".equals(status)) {
                LOG.warnf("Delivery %s (%s, subscription %s) dead-lettered after attempt %d: %s", delivery.id(),
                        delivery.channel(), delivery.subscriptionId(), delivery.attempts() + 1, f.result().error());
            } else if ("PENDING".equals(status)) {
                LOG.infof("Delivery %s attempt %d failed (%s); next in %d ms", delivery.id(), delivery.attempts() + 1,
                        f.result().error(), f.decision().nextAttemptIn().orElseThrow().toMillis());
            }
        }
    }

    DeliveryStore.Decision decide(ClaimedDelivery delivery, AttemptResult result) {
        switch (result.kind()) {
            case DELIVERED:
                return new DeliveryStore.Decision("DELIVERED", Optional.empty());
            case PERMANENT:
                return new DeliveryStore.Decision("DEAD", Optional.empty());
            default:
                Optional<Duration> next = policy.delayAfter(delivery.seriesAttempts() + 1, result.retryAfter(),
                        ThreadLocalRandom.current().nextDouble());
                return next.isPresent() ? new DeliveryStore.Decision("PENDING", next)
                        : new DeliveryStore.Decision("DEAD", Optional.empty());
        }
    }
}
