package org.homeward.support.persistence;

import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * The idempotent consumer: a message id goes into {@code processed_messages} in the same transaction as the message's
 * effect. The insert of a second delivery finds the id and changes nothing; a concurrent second delivery waits on the
 * first's row lock and then finds it. Each service's Flyway migrations create the table:
 * {@code processed_messages(consumer text, message_id uuid, processed_at timestamptz, primary key (consumer, message_id))}.
 */
public final class ProcessedMessages {

    private ProcessedMessages() {
    }

    /** Records the message as processed by {@code consumer}; false when it already was (then do nothing). */
    public static boolean markProcessed(EntityManager em, String consumer, UUID messageId) {
        int inserted = em.createNativeQuery("insert into processed_messages (consumer, message_id, processed_at) "
                        + "values (?1, ?2, now()) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, messageId)
                .executeUpdate();
        return inserted == 1;
    }
}
