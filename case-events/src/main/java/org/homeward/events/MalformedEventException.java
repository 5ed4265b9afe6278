package org.homeward.events;

/** A record on a topic that is not a valid event of the contract; consumers dead-letter it without retrying. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
