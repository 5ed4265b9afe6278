package org.homeward.cases.protection.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.support.crypto.FieldCipher;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;
import org.jboss.logging.Logger;

/**
 * Runs {@link KeyRotation} with the service's own key ring: once at start-up (which also seals plaintext left by a
 * version before encryption), then every {@code homeward.crypto.rotation.interval}, in batches of
 * {@code homeward.crypto.rotation.batch} rows, in the background: the service takes events meanwhile.
 */
@ApplicationScoped
public class KeyRotationJob {

    private static final Logger LOG = Logger.getLogger(KeyRotationJob.class);

    @Inject
    KeyRotation rotation;

    @Inject
    DataSource database;

    @Inject
    FieldCipher cipher;

    @ConfigProperty(name = "homeward.crypto.rotation.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "homeward.crypto.rotation.interval", defaultValue = "PT1H")
    Duration interval;

    @ConfigProperty(name = "homeward.crypto.rotation.batch", defaultValue = "500")
    int batch;

    @Inject
    BackgroundLoops loops;

    private BackgroundLoop loop;

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.info("Key rotation is off (homeward.crypto.rotation.enabled=false)");
            return;
        }
        // A rotation that keeps failing is logged and shown as STALLED, but does not take the replica out of service:
        // values under older keys stay readable as long as those keys stay in the ring.
        loop = loops.start(BackgroundLoop.Spec.maintenanceEvery("key-rotation", interval), this::rotate);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    private BackgroundLoop.Next rotate() {
        KeyRotation.Pass pass = rotation.rotate(database, cipher, batch);
        if (pass.total() > 0) {
            LOG.infof("Moved %d person, %d place-taken, %d timeline, %d vital-claims, %d retraction-reason and %d "
                    + "held-event values to their cases' keys; resealed %d case-fact (destination, dates, conflicts) "
                    + "and %d timeline-reason values and %d case keys under key %s", pass.person(), pass.placeTaken(),
                    pass.timelineData(), pass.vitalClaims(), pass.retractionReasons(), pass.heldEvents(),
                    pass.caseFacts(), pass.timelineReasons(), pass.caseKeys(), cipher.activeKeyId());
        }
        return BackgroundLoop.Next.IDLE;
    }
}
