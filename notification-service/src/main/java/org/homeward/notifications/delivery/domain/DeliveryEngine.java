package org.homeward.notifications.delivery.domain;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.notifications.delivery.email.EmailSender;
import org.homeward.notifications.delivery.webhook.WebhookSender;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;
import org.homeward.support.jobs.LoopFailure;
import org.homeward.support.problem.SafeLog;
import org.homeward.support.tracing.Traces;
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
 * attempt ends, the dispatcher starts the next one at once, and claiming happens in batches. Waiting rows are leased
 * like the others; starting an attempt renews its lease (one minute, far beyond an attempt's time limits).
 *
 * <p>One id per delivery, nothing lost: the start of every attempt is committed before it sends
 * ({@link DeliveryStore#markStarted}); an outcome the database does not take is kept and recorded again with back-off
 * (up to {@code homeward.delivery.record-for}); a delivery whose started attempt was never recorded (this replica died,
 * or gave up recording) gets an attempt of outcome UNKNOWN when claimed again after its lease and is sent again with
 * the same {@code webhook-id} or {@code Message-ID} ({@link DeliveryStore}). Two background loops do the work: {@code delivery-dispatcher} (claims and starts) and
 * {@code delivery-recorder} (records outcomes); each turns readiness DOWN when it fails for longer than
 * {@code homeward.delivery.stall-after} (30 s).
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);

    static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("homeward.delivery.id");
    static final AttributeKey<String> NOTIFICATION_ID = AttributeKey.stringKey("homeward.notification.id");
    static final AttributeKey<String> SUBSCRIPTION_ID = AttributeKey.stringKey("homeward.subscription.id");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("homeward.delivery.channel");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("homeward.delivery.attempt");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    @Inject
    Traces traces;

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

    /** A loop failing (or one pass hanging) for longer than this turns readiness DOWN. */
    @ConfigProperty(name = "homeward.delivery.stall-after", defaultValue = "PT30S")
    Duration stallAfter;

    /**
     * How long the recorder keeps trying to record an attempt's outcome (database unreachable) before it gives up on
     * it; the delivery is then sent again, with the same id, when its lease ends.
     */
    @ConfigProperty(name = "homeward.delivery.record-for", defaultValue = "PT15M")
    Duration recordFor;

    @Inject
    BackgroundLoops loops;

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
    private BackgroundLoop dispatcher;
    private BackgroundLoop recorder;
    private final BlockingQueue<DeliveryStore.Finished> finished = new LinkedBlockingQueue<>();
    /** Finished attempts the recorder has taken and not recorded yet (the recorder's thread, then the stopping one). */
    private final List<Unrecorded> unrecorded = new ArrayList<>();

    /** A finished attempt waiting to be recorded, and since when recording it fails. */
    private static final class Unrecorded {
        final DeliveryStore.Finished finished;
        Instant failingSince;

        Unrecorded(DeliveryStore.Finished finished) {
            this.finished = finished;
        }
    }

    void start(@Observes StartupEvent startup) {
        policy = new RetryPolicy(attempts, initialBackoff, backoffFactor, maxBackoff, jitter);
        if (!enabled) {
            LOG.warn("Delivery engine disabled (homeward.delivery.enabled=false): webhooks and e-mails wait");
            return;
        }
        recorder = loops.start(BackgroundLoop.Spec.named("delivery-recorder").idleWait(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(5)).stallAfter(stallAfter), this::recordPass);
        dispatcher = loops.start(BackgroundLoop.Spec.named("delivery-dispatcher").idleWait(pollInterval)
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(10)).stallAfter(stallAfter)
                .stopGrace(Duration.ofSeconds(5)), this::dispatchPass);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (dispatcher == null) {
            return;
        }
        dispatcher.stop();
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
        // Attempts in flight end within their time limits and are recorded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (held <= 0) {
                    break;
                }
            }
            recorder.wake();
            Thread.sleep(100);
        }
        recorder.stop();
        // Whatever is left: one last try. A delivery whose outcome is not recorded now is sent again after its lease.
        takeFinished();
        synchronized (unrecorded) {
            if (!unrecorded.isEmpty()) {
                try {
                    recordSome();
                } catch (Exception e) {
                    LOG.warnf("%d attempt outcomes could not be recorded while stopping; their deliveries are sent"
                            + " again, with the same id, when their lease ends: %s", unrecorded.size(),
                            SafeLog.describe(e));
                }
            }
        }
    }

    void created(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesCreated created) {
        wakeUp();
    }

    /** Wakes the engine now, e.g. after a dead delivery was put back. */
    public void wakeUp() {
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Whether the engine's dispatcher runs (false when switched off or stopped). */
    public boolean running() {
        return dispatcher != null && dispatcher.running();
    }

    /** One dispatcher pass: claim what is due, then start what may start. */
    private BackgroundLoop.Next dispatchPass() throws Exception {
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
                batch.forEach(d -> waiting.computeIfAbsent(d.subscriptionId(), s -> new ArrayDeque<>()).add(d));
            }
        }
        startWhatMay();
        return wanted > 0 && claimed == wanted ? BackgroundLoop.Next.AGAIN : BackgroundLoop.Next.IDLE;
    }

    /**
     * Starts waiting deliveries while the replica and their subscriptions have room, oldest claim first: their start
     * is committed first ({@link DeliveryStore#markStarted}), then they are sent. Runs on the dispatcher's thread only.
     */
    private void startWhatMay() throws Exception {
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
        if (start.isEmpty()) {
            return;
        }
        Set<UUID> marked;
        try {
            marked = store.markStarted(start, lease);
        } catch (Exception e) {
            // Nothing was sent: they wait, still claimed, for the next pass (or their lease ends).
            synchronized (lock) {
                for (int i = start.size() - 1; i >= 0; i--) {
                    ClaimedDelivery d = start.get(i);
                    release(d);
                    waiting.computeIfAbsent(d.subscriptionId(), s -> new ArrayDeque<>()).addFirst(d);
                }
            }
            throw e;
        }
        for (ClaimedDelivery delivery : start) {
            if (marked.contains(delivery.id())) {
                attempt(delivery);
            } else {
                synchronized (lock) { // cancelled (subscription deleted) since it was claimed: not sent
                    release(delivery);
                    held--;
                }
            }
        }
    }

    /** Frees the in-flight slot of a delivery; call with {@link #lock} held. */
    private void release(ClaimedDelivery delivery) {
        attempting.computeIfPresent(delivery.subscriptionId(), (s, count) -> count <= 1 ? null : count - 1);
        inFlight--;
    }

    /** One attempt; when it ends, its outcome goes to the recorder and the dispatcher may start the next one. */
    private void attempt(ClaimedDelivery delivery) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        // The attempt continues the trace of the transition that made the delivery (docs/operations.md, "Traces").
        Span span = attemptSpan(delivery);
        CompletableFuture<AttemptResult> attempt;
        try {
            String traceparent = Traces.traceparent(Context.root().with(span));
            attempt = (delivery.channel() == Channel.WEBHOOK ? webhooks : email)
                    .send(delivery.inTrace(traceparent == null ? delivery.traceparent() : traceparent));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(failed(e));
        }
        attempt.exceptionally(DeliveryEngine::failed).thenAccept(result -> {
            ended(span, result);
            synchronized (lock) {
                release(delivery);
            }
            finished.add(new DeliveryStore.Finished(delivery, started,
                    Duration.ofNanos(System.nanoTime() - startNanos), result, decide(delivery, result)));
            recorder.wake();
            dispatcher.wake(); // the next waiting one of this subscription may start
        });
    }

    /** A span for one attempt: ids, channel and attempt number; never the target, the payload or the address. */
    private Span attemptSpan(ClaimedDelivery delivery) {
        String channel = delivery.channel().name().toLowerCase(java.util.Locale.ROOT);
        return traces.later(channel + " deliver", SpanKind.CLIENT, delivery.traceparent())
                .setAttribute(DELIVERY_ID, delivery.id().toString())
                .setAttribute(NOTIFICATION_ID, delivery.notificationId().toString())
                .setAttribute(SUBSCRIPTION_ID, delivery.subscriptionId().toString())
                .setAttribute(CHANNEL, channel)
                .setAttribute(ATTEMPT, (long) delivery.attempts() + 1)
                .startSpan();
    }

    /** Ends an attempt's span with its outcome, the receiver's HTTP status and Homeward's own short error. */
    private static void ended(Span span, AttemptResult result) {
        span.setAttribute(Traces.OUTCOME, result.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (result.statusCode() != null) {
            span.setAttribute(STATUS, (long) result.statusCode());
        }
        if (result.kind() != AttemptResult.Kind.DELIVERED) {
            span.setStatus(StatusCode.ERROR, result.error() == null ? "" : result.error());
        }
        span.end();
    }

    private static AttemptResult failed(Throwable e) {
        return AttemptResult.retryable(null, "failed (" + e.getClass().getSimpleName() + ")", Optional.empty());
    }

    /** Moves what finished into the recorder's list. */
    private void takeFinished() {
        List<DeliveryStore.Finished> taken = new ArrayList<>();
        finished.drainTo(taken);
        synchronized (unrecorded) {
            taken.forEach(f -> unrecorded.add(new Unrecorded(f)));
        }
    }

    /**
     * One recorder pass: records what finished meanwhile, in batches of up to 500 in one transaction each. When the
     * database does not take them, the outcomes stay here and are tried again with back-off (not dropped: a delivery
     * whose attempt was made is never sent again because its outcome could not be written).
     */
    private BackgroundLoop.Next recordPass() throws Exception {
        takeFinished();
        synchronized (unrecorded) {
            if (unrecorded.isEmpty()) {
                return BackgroundLoop.Next.IDLE;
            }
            recordSome();
            return unrecorded.isEmpty() && finished.isEmpty() ? BackgroundLoop.Next.IDLE : BackgroundLoop.Next.AGAIN;
        }
    }

    /**
     * Records up to 500 outcomes. When the batch fails, they are tried one by one, so that one outcome the database
     * refuses holds no other back; when the first two of those fail as well, the database is the trouble and the rest
     * wait for the next pass.
     */
    private void recordSome() throws Exception {
        List<Unrecorded> batch = new ArrayList<>(unrecorded.subList(0, Math.min(500, unrecorded.size())));
        Exception failure;
        try {
            recorded(batch, store.recordAll(batch.stream().map(u -> u.finished).toList()));
            return;
        } catch (Exception e) {
            failure = e;
        }
        List<Unrecorded> failing = new ArrayList<>();
        int succeeded = 0;
        if (batch.size() > 1) {
            for (Unrecorded one : batch) {
                if (succeeded == 0 && failing.size() >= 2) {
                    failing.add(one); // not tried: the database refuses everything
                    continue;
                }
                try {
                    recorded(List.of(one), store.recordAll(List.of(one.finished)));
                    succeeded++;
                } catch (Exception e) {
                    failing.add(one);
                    failure = e;
                }
            }
        } else {
            failing.addAll(batch);
        }
        if (failing.isEmpty()) {
            return;
        }
        List<Unrecorded> kept = giveUpOrKeep(failing, failure);
        // The next pass starts with the others: outcomes the database refuses must not keep holding them back.
        unrecorded.removeAll(kept);
        unrecorded.addAll(kept);
        throw new LoopFailure("recording " + failing.size() + " of " + batch.size() + " delivery attempt outcomes"
                + " failed (" + failure.getClass().getSimpleName() + "); they are kept and tried again", failure);
    }

    /** Outcomes that could not be recorded for {@link #recordFor} are given up: sent again after their lease. */
    private List<Unrecorded> giveUpOrKeep(List<Unrecorded> failing, Exception failure) {
        Instant now = clock.instant();
        List<Unrecorded> kept = new ArrayList<>();
        for (Unrecorded u : failing) {
            if (u.failingSince == null) {
                u.failingSince = now;
            }
            if (Duration.between(u.failingSince, now).compareTo(recordFor) <= 0) {
                kept.add(u);
            } else {
                unrecorded.remove(u);
                synchronized (lock) {
                    held--;
                }
                ClaimedDelivery d = u.finished.delivery();
                LOG.errorf("Delivery %s: the outcome (%s) of the attempt that started at %s could not be recorded for"
                        + " %d s; given up. The delivery is sent again, with the same id,"
                        + " when its lease ends: %s", d.id(), u.finished.result().kind(), u.finished.startedAt(),
                        recordFor.toSeconds(), failure.getClass().getSimpleName());
            }
        }
        return kept;
    }

    private void recorded(List<Unrecorded> batch, Set<UUID> recorded) {
        unrecorded.removeAll(batch);
        synchronized (lock) {
            held -= batch.size();
        }
        dispatcher.wake();
        for (Unrecorded u : batch) {
            DeliveryStore.Finished f = u.finished;
            ClaimedDelivery delivery = f.delivery();
            String status = f.decision().status();
            if (!recorded.contains(delivery.id())) {
                LOG.infof("Delivery %s: attempt ended (%s) after its claim was cancelled or replayed", delivery.id(),
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
