package org.homeward.support.jobs;

import java.time.Duration;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * A pass over stored data that a service runs in the background after start-up, batch by batch, until nothing is left
 * to do: re-keying names, deriving cases again under new rules. The service takes events meanwhile. A batch that fails
 * (the database restarting) is retried with back-off up to 30 s; a batch that does nothing while work is still pending
 * (rows held by a transaction taking an event right now) is tried again a second later.
 */
public final class StartupPass {

    /** One pass's work: a batch at a time. */
    public interface Work {

        /** Does one batch; answers how many items it did. */
        int batch();

        /** How many items are still to do. */
        long pending();
    }

    private static final Logger LOG = Logger.getLogger(StartupPass.class);

    private final String name;
    private final Work work;
    private volatile boolean running;
    private Thread thread;

    public StartupPass(String name, Work work) {
        this.name = name;
        this.work = work;
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() throws InterruptedException {
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
                int batch = work.batch();
                done += batch;
                if (batch == 0) {
                    if (work.pending() == 0) {
                        break;
                    }
                    Thread.sleep(1000); // the rest is held by a transaction that takes an event right now
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s failed; retrying in %d ms: %s", name, backoff.toMillis(), SafeLog.describe(e));
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
            LOG.infof("%s: done with %d items", name, done);
        }
    }
}
