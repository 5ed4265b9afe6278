package org.homeward.cases.search.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;

/**
 * At start-up, computes the name keys of every case that has none or has keys of older rules (cases opened before
 * search existed, or after {@code NameKeys.VERSION} changed), in batches, in the background: the service takes events
 * meanwhile, and cases it opens get current keys at once.
 */
@ApplicationScoped
public class NameKeyIndexer {

    static final int BATCH = 500;

    @Inject
    NameIndex index;

    @Inject
    BackgroundLoops loops;

    private BackgroundLoop pass;

    void start(@Observes StartupEvent startup) {
        pass = loops.untilDone("name-key-indexer", () -> index.reindex(BATCH), index::pending);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (pass != null) {
            pass.stop();
        }
    }
}
