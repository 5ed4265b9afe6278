package org.homeward.cases.holds.domain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.cases.access.domain.AccessRules;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.outbox.Outbox;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseTransition;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.support.messaging.InOrderHandler;
import org.jboss.logging.Logger;

/**
 * Cases on hold. When an event of a case cannot be applied for good, the case goes on hold instead of moving on
 * without it: the event and every later event of the case wait in {@code held_events}, in arrival order, sealed like
 * every personal field; every other case goes on; a CRITICAL {@code CASE_ON_HOLD} transition tells the organisations
 * that may see the case. An operator releases the case after a fix ({@link HoldRelease}), which applies the held
 * events in order.
 *
 * <p>Holding and applying never race: the consumer checks for a hold under the hold row's lock, in the transaction
 * that applies or holds the event, and a release ends the hold under the same lock only when nothing is left held.
 */
@ApplicationScoped
public class CaseHolds {

    private static final Logger LOG = Logger.getLogger(CaseHolds.class);

    @Inject
    EntityManager em;

    @Inject
    PersonalData personalData;

    @Inject
    CaseAccess access;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    /** A case on hold as operators see it: ids, types, times and the reason; no personal data. */
    public record Hold(UUID caseId, UUID eventId, String eventType, String reason, Instant heldAt, long heldEvents,
            int releaseAttempts, Instant lastAttemptAt) {
    }

    /**
     * In the caller's transaction: when the event's case is on hold, keeps the event behind the held ones and answers
     * true (a redelivered event is kept once); false when the case is not on hold.
     */
    public boolean holdBehind(CloudEvent<CaseEventData> event) {
        UUID caseId = event.caseId();
        if (!lock(caseId)) {
            return false;
        }
        store(caseId, event.id(), event.type(), EventCodec.encode(event));
        LOG.infof("Case %s is on hold; event %s %s waits behind the held events", caseId, event.type(), event.id());
        return true;
    }

    /**
     * In its own transaction: puts the case of a record that cannot be applied for good on hold (if it is not yet),
     * keeps the record, and announces the hold once with a CRITICAL {@code CASE_ON_HOLD} transition.
     */
    @Transactional
    public void keep(InOrderHandler.Unapplied unapplied) {
        if (!em.createNativeQuery("select 1 from cases where case_id = ?1 and state = 'ERASED'")
                .setParameter(1, unapplied.caseId()).getResultList().isEmpty()) {
            // Nothing of an erased case is kept, not even an event that cannot be applied.
            LOG.warnf("Case %s was erased: event %s %s, which cannot be applied, is dropped", unapplied.caseId(),
                    unapplied.type(), unapplied.eventId());
            return;
        }
        Envelope envelope = Envelope.of(unapplied.payload());
        Instant now = clock.instant();
        int created = em.createNativeQuery("insert into case_holds (case_id, event_id, event_type, reason, "
                        + "reported_by, held_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (case_id) do nothing")
                .setParameter(1, unapplied.caseId()).setParameter(2, unapplied.eventId())
                .setParameter(3, unapplied.type()).setParameter(4, unapplied.reason())
                .setParameter(5, envelope.reportedBy() == null ? "unknown" : envelope.reportedBy())
                .setParameter(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate();
        store(unapplied.caseId(), unapplied.eventId(), unapplied.type(), unapplied.payload());
        if (created == 1) {
            announce(unapplied, envelope, now);
        }
        LOG.errorf("Case %s is on hold: event %s %s cannot be applied (%s); its later events wait until an operator "
                + "releases it", unapplied.caseId(), unapplied.type(), unapplied.eventId(), unapplied.reason());
    }

    /** The holds an organisation may see: of cases it may see, and of cases not opened yet that it reported. */
    public List<Hold> visibleTo(String organisation) {
        return holds("where exists (select 1 from case_access a where a.case_id = h.case_id and a.organisation = ?1) "
                + "or (h.reported_by = ?1 and not exists (select 1 from cases c where c.case_id = h.case_id))",
                organisation, null);
    }

    /** One hold, if the organisation may see it. */
    public Optional<Hold> find(UUID caseId, String organisation) {
        return holds("where h.case_id = ?2 and (exists (select 1 from case_access a where a.case_id = h.case_id "
                + "and a.organisation = ?1) or (h.reported_by = ?1 and not exists (select 1 from cases c "
                + "where c.case_id = h.case_id)))", organisation, caseId).stream().findFirst();
    }

    /** The next held event of a locked hold, or empty when none is left. In the caller's transaction. */
    Optional<Held> next(UUID caseId) {
        List<?> rows = em.createNativeQuery("select position, event_id, payload from held_events where case_id = ?1 "
                + "order by position limit 1").setParameter(1, caseId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        UUID eventId = (UUID) row[1];
        byte[] payload = personalData.open(caseId, (String) row[2], PersonalData.heldEvent(eventId))
                .getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Held(((Number) row[0]).longValue(), eventId, payload));
    }

    /** A held event: its place in line, id and the record as it arrived. */
    record Held(long position, UUID eventId, byte[] payload) {
    }

    /** Locks the hold of a case for a release step; false when the case is not on hold. */
    boolean lock(UUID caseId) {
        return !em.createNativeQuery("select case_id from case_holds where case_id = ?1 for update")
                .setParameter(1, caseId).getResultList().isEmpty();
    }

    void applied(long position) {
        em.createNativeQuery("delete from held_events where position = ?1").setParameter(1, position).executeUpdate();
    }

    void end(UUID caseId) {
        em.createNativeQuery("delete from case_holds where case_id = ?1").setParameter(1, caseId).executeUpdate();
        LOG.infof("Case %s released: every held event was applied in order", caseId);
    }

    /** Drops a case's hold and held events (the case was erased): nothing of them is applied, ever. */
    public void drop(UUID caseId) {
        em.createNativeQuery("delete from held_events where case_id = ?1").setParameter(1, caseId).executeUpdate();
        em.createNativeQuery("delete from case_holds where case_id = ?1").setParameter(1, caseId).executeUpdate();
    }

    /** A release attempt failed again: the hold stays, with the new reason. */
    @Transactional
    void stillHeld(UUID caseId, UUID eventId, String type, String reason) {
        em.createNativeQuery("update case_holds set event_id = coalesce(cast(?2 as uuid), event_id), "
                        + "event_type = ?3, reason = ?4, release_attempts = release_attempts + 1, last_attempt_at = ?5 "
                        + "where case_id = ?1")
                .setParameter(1, caseId).setParameter(2, eventId == null ? null : eventId.toString())
                .setParameter(3, type).setParameter(4, reason)
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    private void store(UUID caseId, UUID eventId, String type, byte[] payload) {
        em.createNativeQuery("insert into held_events (case_id, event_id, event_type, payload, held_at) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing")
                .setParameter(1, caseId).setParameter(2, eventId).setParameter(3, type)
                .setParameter(4, personalData.seal(caseId, new String(payload, StandardCharsets.UTF_8),
                        PersonalData.heldEvent(eventId)))
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    private List<Hold> holds(String where, String organisation, UUID caseId) {
        var query = em.createNativeQuery("select h.case_id, h.event_id, h.event_type, h.reason, h.held_at, "
                + "(select count(*) from held_events e where e.case_id = h.case_id), h.release_attempts, "
                + "h.last_attempt_at from case_holds h " + where + " order by h.held_at, h.case_id")
                .setParameter(1, organisation);
        if (caseId != null) {
            query.setParameter(2, caseId);
        }
        List<Hold> holds = new ArrayList<>();
        for (Object o : query.getResultList()) {
            Object[] row = (Object[]) o;
            holds.add(new Hold((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], instant(row[4]),
                    ((Number) row[5]).longValue(), ((Number) row[6]).intValue(), instant(row[7])));
        }
        return holds;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** The CRITICAL transition that tells the organisations that may see the case that it is on hold. */
    private void announce(InOrderHandler.Unapplied unapplied, Envelope envelope, Instant now) {
        UUID caseId = unapplied.caseId();
        CaseRecord record = em.find(CaseRecord.class, caseId);
        List<String> visibleTo = record == null
                ? (envelope.reportedBy() == null ? List.of() : List.of(envelope.reportedBy()))
                : AccessRules.visibleTo(record.ownerOrganisation, access.organisations(caseId));
        EventType type = EventType.fromCloudEventType(unapplied.type()).orElse(null);
        CaseTransition transition = new CaseTransition(holdTransitionId(unapplied.eventId()), caseId,
                unapplied.eventId(), type, record == null ? null : record.category, TransitionStatus.HELD,
                record == null ? null : record.state, record == null ? null : record.state,
                org.homeward.events.ReasonCode.CASE_ON_HOLD, Urgency.CRITICAL, List.of(Alert.CASE_ON_HOLD), record == null ? 0 : record.version,
                envelope.time() == null ? now : envelope.time(), envelope.receivedAt(), now, envelope.reportedBy(),
                visibleTo);
        outbox.add(Topics.CASE_TRANSITIONS, caseId.toString(), CloudEvent.transition(transition, CaseLedger.SOURCE));
    }

    /** The hold of an event announces one transition, whatever redelivers it; not the id of its later application. */
    static UUID holdTransitionId(UUID eventId) {
        return UUID.nameUUIDFromBytes(("hold:" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The envelope attributes of a record that may not decode as an event this version knows. */
    private record Envelope(String reportedBy, Instant time, Instant receivedAt) {

        static Envelope of(byte[] payload) {
            try {
                JsonNode tree = EventCodec.mapper().readTree(payload);
                return new Envelope(text(tree, "reportedby"), instant(tree, "time"), instant(tree, "receivedat"));
            } catch (IOException | RuntimeException e) {
                return new Envelope(null, null, null);
            }
        }

        private static String text(JsonNode tree, String field) {
            JsonNode node = tree.path(field);
            return node.isTextual() ? node.asText() : null;
        }

        private static Instant instant(JsonNode tree, String field) {
            String text = text(tree, field);
            try {
                return text == null ? null : Instant.parse(text);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
