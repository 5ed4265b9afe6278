package org.homeward.support.jobs;

/**
 * A failure of a {@link BackgroundLoop} pass whose message Homeward wrote itself (ids, counts, sizes, class names,
 * never stored values), so that the loop may log it and show it in the health data: e.g. which outbox row the broker
 * refuses.
 * Other failures are logged by class and code location only, because their messages can quote data.
 */
public class LoopFailure extends RuntimeException {

    public LoopFailure(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }

    public LoopFailure(String safeMessage) {
        super(safeMessage);
    }
}
