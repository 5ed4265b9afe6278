package org.homeward.cases.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.support.tracing.Traces;

/**
 * The transactional outbox: a message to publish is a row written in the same transaction as the change it announces,
 * so that both happen or neither does. {@link OutboxRelay} publishes the rows in order after commit.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    Event<OutboxWritten> written;

    /**
     * Adds a message; must run inside the transaction of the change it announces. The row keeps the current trace
     * context, which the relay puts on the record it publishes (docs/operations.md, "Traces").
     */
    public void add(String topic, String key, CloudEvent<?> message) {
        em.flush(); // the change first: a row lock taken by it orders concurrent writers of one case
        em.createNativeQuery("insert into outbox (topic, message_key, payload, created_at, traceparent, message_id,"
                        + " message_type) values (?1, ?2, ?3, now(), ?4, ?5, ?6)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, EventCodec.encode(message))
                .setParameter(4, Traces.currentTraceparent())
                .setParameter(5, message.id())
                .setParameter(6, message.type())
                .executeUpdate();
        written.fire(new OutboxWritten());
    }

    /** Fired when a transaction wrote to the outbox; the relay wakes after it commits. */
    public record OutboxWritten() {
    }
}
