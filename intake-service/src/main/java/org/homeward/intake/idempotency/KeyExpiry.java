package org.homeward.intake.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * Purges idempotency keys past their retention, in small transactions. Lookups already ignore expired keys, so the
 * purge only keeps the table small; replicas purging at once do no harm.
 */
@ApplicationScoped
public class KeyExpiry {

    private static final Logger LOG = Logger.getLogger(KeyExpiry.class);
    static final int CHUNK = 1_000;

    @Inject
    IdempotencyStore store;

    @Inject
    UnsettledPublications unsettled;

    @Scheduled(every = "${homeward.intake.idempotency-purge-interval:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int total = 0;
            int purged;
            do {
                purged = QuarkusTransaction.requiringNew().call(() -> store.purgeExpired(CHUNK));
                total += purged;
            } while (purged == CHUNK);
            do {
                purged = QuarkusTransaction.requiringNew().call(() -> unsettled.purgeExpired(CHUNK));
            } while (purged == CHUNK);
            if (total > 0) {
                LOG.infof("Purged %d expired idempotency keys", total);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Purging expired idempotency keys failed; the next run tries again: %s", SafeLog.describe(e));
        }
    }

    /** For tests: purge now. */
    public void purgeNow() {
        purge();
    }
}
