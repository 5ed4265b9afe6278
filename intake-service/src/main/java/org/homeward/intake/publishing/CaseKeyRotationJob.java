package org.homeward.intake.publishing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;
import org.jboss.logging.Logger;

/**
 * Rotates the case-events key ring ({@link CaseEventKeys#rotate}): at start-up, then every
 * {@code homeward.crypto.event-rotation.interval}, in batches of {@code homeward.crypto.event-rotation.batch} case keys
 * until none is left wrapped by an older key of the ring. After an operator made a new key active, every case key is
 * thus wrapped by it in intake and, as it reads them again from {@code case-keys}, in the case service; the old key
 * can then leave the ring (docs/security.md, "case-events on Kafka").
 */
@ApplicationScoped
public class CaseKeyRotationJob {

    private static final Logger LOG = Logger.getLogger(CaseKeyRotationJob.class);

    @Inject
    CaseEventKeys keys;

    @Inject
    BackgroundLoops loops;

    @ConfigProperty(name = "homeward.crypto.event-rotation.interval", defaultValue = "PT1H")
    Duration interval;

    @ConfigProperty(name = "homeward.crypto.event-rotation.batch", defaultValue = "500")
    int batch;

    private BackgroundLoop loop;

    void start(@Observes StartupEvent startup) {
        // A rotation that keeps failing is logged and shown as STALLED, but does not take the replica out of service:
        // values under older keys stay readable as long as those keys stay in the ring.
        loop = loops.start(BackgroundLoop.Spec.maintenanceEvery("case-key-rotation", interval), this::rotate);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    private BackgroundLoop.Next rotate() {
        int moved = keys.rotate(batch);
        if (moved > 0) {
            LOG.infof("Wrapped %d case keys of case-events by the ring's active key and published them again", moved);
            return BackgroundLoop.Next.AGAIN;
        }
        return BackgroundLoop.Next.IDLE;
    }
}
