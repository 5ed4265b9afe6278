package org.homeward.support.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.support.jobs.BackgroundLoop.Next;
import org.homeward.support.jobs.BackgroundLoop.Spec;
import org.homeward.support.jobs.BackgroundLoop.State;
import org.junit.jupiter.api.Test;

/** The loop's mechanics without a service: waits, back-off, the stall rule, death and stopping. */
class BackgroundLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aWakeUpEndsTheIdleWaitAtOnce() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop(Spec.named("idle").idleWait(Duration.ofMinutes(5)), () -> {
            passes.incrementAndGet();
            return Next.IDLE;
        });
        loop.start();
        try {
            await().atMost(WAIT).until(() -> passes.get() == 1);
            loop.wake();
            await().atMost(Duration.ofSeconds(2)).until(() -> passes.get() == 2);
            BackgroundLoop.Status status = loop.status();
            assertEquals(State.RUNNING, status.state());
            assertTrue(status.lastSuccess().isPresent());
            assertTrue(status.ready() && status.live());
        } finally {
            assertTrue(loop.stop());
        }
        assertEquals(State.STOPPED, loop.status().state());
    }

    @Test
    void backOffDoublesUpToItsCap() {
        BackgroundLoop loop = new BackgroundLoop(Spec.named("backoff")
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), () -> Next.IDLE);
        assertEquals(Duration.ofMillis(200), loop.backoff(1));
        assertEquals(Duration.ofMillis(400), loop.backoff(2));
        assertEquals(Duration.ofMillis(800), loop.backoff(3));
        assertEquals(Duration.ofSeconds(1), loop.backoff(4));
        assertEquals(Duration.ofSeconds(1), loop.backoff(400));
    }

    @Test
    void failingLongerThanTheBoundIsStalledAndASuccessEndsIt() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger passes = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop(Spec.named("failing").idleWait(Duration.ofMillis(50))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(50)).stallAfter(Duration.ofMillis(500)), () -> {
                    passes.incrementAndGet();
                    if (failing.get()) {
                        throw new LoopFailure("row 7 refused");
                    }
                    return Next.IDLE;
                });
        loop.start();
        try {
            await().atMost(WAIT).until(() -> loop.status().state() == State.FAILING);
            assertTrue(loop.status().ready(), "within the bound a failing loop is still ready");
            await().atMost(WAIT).until(() -> loop.status().state() == State.STALLED);
            BackgroundLoop.Status stalled = loop.status();
            assertFalse(stalled.ready());
            assertTrue(stalled.live(), "stalled is not dead");
            assertEquals("row 7 refused", stalled.lastFailureKind().orElseThrow());
            assertTrue(stalled.consecutiveFailures() >= 2);
            assertTrue(stalled.lastSuccess().isEmpty());
            int before = passes.get();
            failing.set(false);
            await().atMost(WAIT).until(() -> loop.status().state() == State.RUNNING);
            assertTrue(passes.get() > before);
            assertTrue(loop.status().ready());
            assertEquals(0, loop.status().consecutiveFailures());
            assertTrue(loop.status().lastSuccess().isPresent());
        } finally {
            loop.stop();
        }
    }

    @Test
    void aMaintenanceLoopThatStallsLeavesReadinessUp() throws Exception {
        BackgroundLoop loop = new BackgroundLoop(Spec.named("maintenance").backoff(Duration.ofMillis(20),
                Duration.ofMillis(20)).stallAfter(Duration.ofMillis(200)).maintenance(), () -> {
                    throw new IllegalStateException("never succeeds");
                });
        loop.start();
        try {
            await().atMost(WAIT).until(() -> loop.status().state() == State.STALLED);
            assertTrue(loop.status().ready());
            assertEquals("IllegalStateException", loop.status().lastFailureKind().orElseThrow(),
                    "a failure's own message is never shown");
        } finally {
            loop.stop();
        }
    }

    @Test
    void aPassThatHangsLongerThanTheBoundIsStalled() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop(Spec.named("hung").idleWait(Duration.ofMillis(20))
                .stallAfter(Duration.ofMillis(300)), () -> {
                    if (passes.incrementAndGet() == 2) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    return Next.IDLE;
                });
        loop.start();
        try {
            await().atMost(WAIT).until(() -> loop.status().state() == State.STALLED);
            assertFalse(loop.status().ready());
            assertEquals(0, loop.status().consecutiveFailures());
            release.countDown();
            await().atMost(WAIT).until(() -> loop.status().state() == State.RUNNING);
        } finally {
            release.countDown();
            loop.stop();
        }
    }

    @Test
    void anErrorKillsTheThreadAndLivenessSaysSo() throws Exception {
        BackgroundLoop loop = new BackgroundLoop(Spec.named("dies"), () -> {
            throw new StackOverflowError();
        });
        loop.start();
        await().atMost(WAIT).until(() -> loop.status().state() == State.DEAD);
        assertFalse(loop.status().live());
        assertFalse(loop.status().ready());
        // The thread records its death, then ends: it may still be finishing when the state reads DEAD.
        await().atMost(WAIT).until(() -> !loop.running());
        loop.stop();
        assertEquals(State.DEAD, loop.status().state(), "stopping does not hide a death");
    }

    @Test
    void stopLetsThePassEndThenInterruptsItWithoutCountingAFailure() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BackgroundLoop loop = new BackgroundLoop(Spec.named("stops").stopGrace(Duration.ofMillis(200)), () -> {
            inside.countDown();
            try {
                new CountDownLatch(1).await(); // a pass that never ends by itself: only the interrupt ends it
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Next.IDLE;
        });
        loop.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertTrue(loop.stop(), "the thread ended");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(interrupted.get(), "the pass was interrupted after the grace period");
        assertTrue(tookMillis >= 150 && tookMillis < 5_000, "took " + tookMillis + " ms");
        assertEquals(State.STOPPED, loop.status().state());
        assertEquals(0, loop.status().consecutiveFailures());
        assertTrue(loop.status().lastFailure().isEmpty());
    }

    @Test
    void aPassThatIsDoneFinishesTheLoop() throws Exception {
        AtomicInteger left = new AtomicInteger(3);
        BackgroundLoop loop = new BackgroundLoop(Spec.named("done"), () -> left.decrementAndGet() > 0 ? Next.AGAIN
                : Next.DONE);
        loop.start();
        await().atMost(WAIT).until(() -> loop.status().state() == State.FINISHED);
        assertEquals(0, left.get());
        assertTrue(loop.status().ready() && loop.status().live());
        assertTrue(loop.stop());
        assertEquals(State.FINISHED, loop.status().state());
    }
}
