package org.homeward.cases.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.ratelimit.Decision;
import org.homeward.support.ratelimit.Quota;
import org.homeward.support.ratelimit.RateLimiter;
import org.homeward.support.ratelimit.TokenBuckets;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The buckets of service-support's rate limiter live in the service's database and are shared: two replicas (here the
 * service's own connection pool and a connection of another client to the same database) draw from one bucket, so
 * that what they admit together over a window never exceeds the burst plus the rate times the window; and many
 * requests at once cannot overdraw it. Also measures what the limiter's statement costs a request.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class SharedRateBucketsTest {

    private static final Logger LOG = Logger.getLogger(SharedRateBucketsTest.class);

    @Inject
    DataSource pool;

    @Inject
    RateLimiter limiter;

    @Test
    void whatOneReplicaSpentAnotherCannotSpendAgain() throws SQLException {
        String organisation = "shared-" + UUID.randomUUID();
        Quota quota = new Quota(0.1, 10);
        for (int i = 0; i < 10; i++) {
            assertTrue(takeFromPool(organisation, quota).allowed(), "replica A, request " + i);
        }
        try (Connection replicaB = connect()) {
            Decision refused = TokenBuckets.take(replicaB, organisation, quota, 1);
            assertFalse(refused.allowed(), "replica B finds the bucket replica A emptied");
            assertEquals(0, refused.remaining());
            assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 10,
                    "Retry-After " + refused.retryAfterSeconds());
        }
    }

    @Test
    void twoReplicasTogetherNeverAdmitMoreThanBurstPlusRateTimesElapsed() throws Exception {
        String organisation = "shared-" + UUID.randomUUID();
        Quota quota = new Quota(20, 10);
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(1500);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            long start = System.nanoTime();
            Future<Integer> a = replicas.submit(() -> {
                int admitted = 0;
                while (System.nanoTime() - start < windowNanos) {
                    admitted += takeFromPool(organisation, quota).allowed() ? 1 : 0;
                }
                return admitted;
            });
            Future<Integer> b = replicas.submit(() -> {
                int admitted = 0;
                try (Connection replicaB = connect()) {
                    while (System.nanoTime() - start < windowNanos) {
                        admitted += TokenBuckets.take(replicaB, organisation, quota, 1).allowed() ? 1 : 0;
                    }
                }
                return admitted;
            });
            int byA = a.get(30, TimeUnit.SECONDS);
            int byB = b.get(30, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double bound = quota.burst() + quota.rate() * elapsed;
            LOG.infof("Two replicas admitted %d + %d in %.2f s (bound %.1f)", byA, byB, elapsed, bound);
            assertTrue(byA + byB <= bound + 1e-6, byA + " + " + byB + " admitted, at most " + bound);
            assertTrue(byA + byB >= quota.burst(), "the full bucket was admitted: " + (byA + byB));
            assertTrue(byA > 0 && byB > 0, "both replicas were served: " + byA + ", " + byB);
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void manyRequestsAtOnceCannotOverdrawABucket() throws Exception {
        String organisation = "concurrent-" + UUID.randomUUID();
        Quota quota = new Quota(2, 40);
        int threads = 16;
        int attempts = 25;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                admitted.add(callers.submit(() -> {
                    try (Connection connection = connect()) {
                        ready.countDown();
                        go.await();
                        int mine = 0;
                        for (int i = 0; i < attempts; i++) {
                            mine += TokenBuckets.take(connection, organisation, quota, 1).allowed() ? 1 : 0;
                        }
                        return mine;
                    }
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            go.countDown();
            int total = 0;
            for (Future<Integer> each : admitted) {
                total += each.get(60, TimeUnit.SECONDS);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double bound = quota.burst() + quota.rate() * elapsed;
            LOG.infof("%d threads admitted %d of %d in %.2f s (bound %.1f)", threads, total, threads * attempts,
                    elapsed, bound);
            assertTrue(total <= bound + 1e-6, total + " admitted, at most " + bound);
            assertTrue(total >= quota.burst(), "the full bucket was admitted: " + total);
        } finally {
            callers.shutdownNow();
        }
    }

    /** Not an assertion: the figure for docs/performance.md, next to a trivial statement on the same pool. */
    @Test
    void whatTheLimiterCostsARequest() throws SQLException {
        String organisation = "cost-" + UUID.randomUUID();
        int calls = 1000;
        ManagedContext request = Arc.container().requestContext();
        boolean activated = !request.isActive();
        if (activated) {
            request.activate();
        }
        try {
            for (int i = 0; i < 100; i++) { // warm up both paths
                limiter.take(organisation, 1);
                selectOne();
            }
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                limiter.take(organisation, 1);
            }
            long limited = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                selectOne();
            }
            long trivial = System.nanoTime() - start;
            LOG.infof("Rate limiter: %,d calls in %d ms (%.0f µs each); %,d pooled 'select 1' in %d ms (%.0f µs each)",
                    calls, limited / 1_000_000, limited / 1e3 / calls, calls, trivial / 1_000_000,
                    trivial / 1e3 / calls);
        } finally {
            if (activated) {
                request.terminate();
            }
        }
    }

    private Decision takeFromPool(String organisation, Quota quota) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return TokenBuckets.take(connection, organisation, quota, 1);
        }
    }

    private void selectOne() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement one = connection.prepareStatement("select 1")) {
            one.executeQuery().close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
