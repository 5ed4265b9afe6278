package org.homeward.support.kafka;

/**
 * The broker did not acknowledge a record. {@link #mayHaveBeenStored} says whether the record can be in Kafka all the
 * same: true when it left for the broker and no answer came (a timeout, a lost connection, a lost acknowledgement),
 * false only when it certainly never reached the broker's log (the producer never sent it, or the broker refused it).
 */
public class PublishFailedException extends RuntimeException {

    private final boolean mayHaveBeenStored;

    public PublishFailedException(String reason, Throwable cause) {
        this(reason, cause, true);
    }

    public PublishFailedException(String reason, Throwable cause, boolean mayHaveBeenStored) {
        super("Kafka did not acknowledge: " + reason, cause);
        this.mayHaveBeenStored = mayHaveBeenStored;
    }

    /** False only when the record certainly is not in Kafka; true when nobody can know (yet). */
    public boolean mayHaveBeenStored() {
        return mayHaveBeenStored;
    }
}
