package org.homeward.notifications.feed.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;
import org.homeward.events.CaseTransition;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.notifications.feed.persistence.Notification;
import org.homeward.support.persistence.ProcessedMessages;
import org.jboss.logging.Logger;

/** Turns each case transition into exactly one notification, whatever Kafka redelivers. */
@ApplicationScoped
public class NotificationRecorder {

    static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(NotificationRecorder.class);

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Records the notification; false when this transition was recorded before. */
    @Transactional
    public boolean record(CloudEvent<CaseTransition> message) {
        if (!ProcessedMessages.markProcessed(em, CONSUMER, message.id())) {
            return false;
        }
        CaseTransition t = message.data();
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.transitionId = t.transitionId();
        n.caseId = t.caseId();
        n.eventId = t.eventId();
        n.eventType = t.eventType();
        n.category = t.category();
        n.status = t.status();
        n.fromState = t.fromState();
        n.toState = t.toState();
        n.urgency = t.urgency();
        n.reason = t.reason();
        n.occurredAt = t.occurredAt();
        n.createdAt = clock.instant();
        try {
            n.alerts = EventCodec.mapper().writeValueAsString(t.alerts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.persist(n);
        LOG.infof("Notification %s: %s %s of case %s", n.id, n.urgency, n.eventType, n.caseId);
        return true;
    }
}
