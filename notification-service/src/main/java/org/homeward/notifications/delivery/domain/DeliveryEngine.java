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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * meanwhile; and claiming takes only a few due rows of any one subscription, oldest first.
 *
 * <p>For throughput, each subscription may have as many claimed deliveries waiting as it has in flight: when an
 * attempt ends, the next one starts at once, without a round trip to the database, and claiming happens in batches.
 * Waiting rows are leased like the others; the lease (one minute) outlasts two attempts' time limits.
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
    /** Guards {@link #waiting}, {@link #attempting}, {@link #inFlight} and {@link #held}. */
    private final Object lock = new Object();
    /** Claimed deliveries not started yet, per subscription, oldest first. */
    private final Map<UUID, ArrayDeque<ClaimedDelivery>> waiting = new HashMap<>();
    /** Attempts in flight per subscription. */
    private final Map<UUID, Integer> attempting = new HashMap<>();
    private int inFlight;
    /** Claimed and not yet recorded: waiting, in flight, or finished and queued for recording. */
    private int held;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<Instant> lastPass = new AtomicReference<>(Instant.now());
    private volatile boolean running;
    private Thread dispatcher;
    private Thread recorder;
    private final BlockingQueue<DeliveryStore.Finished> finished = new LinkedBlockingQueue<>();

    void start(@Observes StartupEvent startup) {
        policy = new RetryPolicy(attempts, initialBackoff, backoffFactor, maxBackoff, jitter);
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
        if (dispatcher == null) {
            return;
        }
        dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        List<ClaimedDelivery> unstarted = new ArrayList<>();
        synchronized (lock) {
            waiting.values().forEach(unstarted::addAll);
            waiting.clear();
            held -= unstarted.size();
        }
        try {
            store.release(unstarted); // due again at once, for another replica
        } catch (Exception e) {
            LOG.warnf("Releasing %d claimed deliveries failed; they are due again when their lease ends: %s",
                    unstarted.size(), SafeLog.describe(e));
        }
        // Attempts in flight end within their time limits and are recorded; anything left is retried after its lease.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (held <= 0) {
                    break;
                }
            }
            wake.tryAcquire(100, TimeUnit.MILLISECONDS);
        }
        recorder.interrupt();
        recorder.join(TimeUnit.SECONDS.toMillis(5));
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
                int wanted;
                Map<UUID, Integer> busy = new HashMap<>();
                synchronized (lock) {
                    wanted = Math.min(100, 2 * concurrency - held);
                    attempting.forEach((subscription, count) -> busy.merge(subscription, count, Integer::sum));
                    waiting.forEach((subscription, queue) -> busy.merge(subscription, queue.size(), Integer::sum));
                }
                int claimed = 0;
                if (wanted > 0) {
                    List<ClaimedDelivery> batch = store.claim(
                            new DeliveryStore.Claim(wanted, 2 * perSubscription, busy, lease));
                    claimed = batch.size();
                    synchronized (lock) {
                        held += claimed;
                        batch.forEach(d -> waiting.computeIfAbsent(d.subscriptionId(), s -> new ArrayDeque<>())
                                .add(d));
                    }
                    startWhatMay();
                }
                lastPass.set(Instant.now());
                backoff = 200;
                if (claimed < wanted || wanted <= 0) {
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

    /** Starts waiting deliveries while the replica and their subscriptions have room, oldest claim first. */
    private void startWhatMay() {
        List<ClaimedDelivery> start = new ArrayList<>();
        synchronized (lock) {
            for (Iterator<Map.Entry<UUID, ArrayDeque<ClaimedDelivery>>> it = waiting.entrySet().iterator();
                    it.hasNext() && inFlight < concurrency;) {
                Map.Entry<UUID, ArrayDeque<ClaimedDelivery>> entry = it.next();
                ArrayDeque<ClaimedDelivery> queue = entry.getValue();
                while (!queue.isEmpty() && inFlight < concurrency
                        && attempting.getOrDefault(entry.getKey(), 0) < perSubscription) {
                    start.add(queue.poll());
                    attempting.merge(entry.getKey(), 1, Integer::sum);
                    inFlight++;
                }
                if (queue.isEmpty()) {
                    it.remove();
                }
            }
        }
        start.forEach(this::attempt);
    }

    /** One attempt; when it ends, the next waiting one may start at once, and the outcome goes to the recorder. */
    private void attempt(ClaimedDelivery delivery) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        CompletableFuture<AttemptResult> attempt;
        try {
            attempt = (delivery.channel() == Channel.WEBHOOK ? webhooks : email).send(delivery);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(failed(e));
        }
        attempt.exceptionally(DeliveryEngine::failed).thenAccept(result -> {
            synchronized (lock) {
                attempting.computeIfPresent(delivery.subscriptionId(), (s, count) -> count <= 1 ? null : count - 1);
                inFlight--;
            }
            finished.add(new DeliveryStore.Finished(delivery, started,
                    Duration.ofNanos(System.nanoTime() - startNanos), result, decide(delivery, result)));
            startWhatMay();
            wake.release(); // the dispatcher may claim more for this subscription
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
                if (!batch.isEmpty()) {
                    synchronized (lock) {
                        held -= batch.size();
                    }
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
