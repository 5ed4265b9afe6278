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
import org.homeward.support.problem.SafeLog;
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

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.info("Key rotation is off (homeward.crypto.rotation.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "key-rotation");
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
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            Duration next = interval;
            try {
                KeyRotation.Pass pass = rotation.rotate(database, cipher, batch);
                if (pass.total() > 0) {
                    LOG.infof("Resealed %d person, %d place-taken, %d timeline, %d vital-claims and %d "
                            + "retraction-reason values under key %s", pass.person(), pass.placeTaken(),
                            pass.timelineData(), pass.vitalClaims(), pass.retractionReasons(), cipher.activeKeyId());
                }
                backoff = Duration.ofSeconds(1);
            } catch (RuntimeException e) {
                LOG.warnf("Key rotation failed; retrying in %d s: %s", backoff.toSeconds(), SafeLog.describe(e));
                next = backoff;
                backoff = backoff.multipliedBy(2).compareTo(interval) > 0 ? interval : backoff.multipliedBy(2);
            }
            try {
                Thread.sleep(next.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
