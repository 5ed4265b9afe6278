package org.homeward.support.kafka;

/** The broker did not acknowledge a record in time; nothing can be assumed published. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String reason, Throwable cause) {
        super("Kafka did not acknowledge: " + reason, cause);
    }
}
