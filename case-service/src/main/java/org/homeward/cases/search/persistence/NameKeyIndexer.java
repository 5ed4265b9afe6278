package org.homeward.cases.search.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * At start-up, computes the name keys of every case that has none or has keys of older rules (cases opened before
 * search existed, or after {@code NameKeys.VERSION} changed), in batches, in the background: the service takes events
 * meanwhile, and cases it opens get current keys at once.
 */
@ApplicationScoped
public class NameKeyIndexer {

    private static final Logger LOG = Logger.getLogger(NameKeyIndexer.class);
    static final int BATCH = 500;

    @Inject
    NameIndex index;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "name-key-indexer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private void run() {
        long done = 0;
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                int batch = index.reindex(BATCH);
                done += batch;
                if (batch == 0) {
                    if (index.pending() == 0) {
                        break;
                    }
                    Thread.sleep(1000); // the rest is held by a transaction that takes an event right now
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Re-keying names failed; retrying in %d ms: %s", backoff.toMillis(), SafeLog.describe(e));
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
        if (done > 0) {
            LOG.infof("Computed the name keys of %d cases", done);
        }
    }
}
