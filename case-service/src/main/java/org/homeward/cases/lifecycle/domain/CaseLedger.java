package org.homeward.cases.lifecycle.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.cases.access.domain.AccessRules;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.cases.outbox.Outbox;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.domain.IndexedFacts;
import org.homeward.cases.search.domain.NameKeys;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.CaseTransition;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.support.persistence.ProcessedMessages;
import org.jboss.logging.Logger;

/**
 * Takes one case event into the record, in one transaction: the processed-message mark, the case's new facts, the
 * timeline entry, the organisations' access to the case and the outbox row of the transition. Either all of it is
 * stored or none of it. An event from an organisation without access to the case, or a share the rules of
 * {@link AccessRules} forbid, is kept as REJECTED with the reason.
 */
@ApplicationScoped
public class CaseLedger {

    public static final String SOURCE = "urn:homeward:case-service";
    static final String CONSUMER = "case-service";
    private static final Logger LOG = Logger.getLogger(CaseLedger.class);
    private static final TypeReference<List<Conflict>> CONFLICTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    NameIndex nameIndex;

    @Inject
    CaseAccess access;

    @Inject
    PersonalData personalData;

    Clock clock = Clock.systemUTC();

    /** What became of an event: its decision, or nothing when it had been taken before. */
    public enum Outcome { APPLIED, REJECTED, DUPLICATE }

    @Transactional
    public Outcome take(CloudEvent<CaseEventData> event) {
        if (!ProcessedMessages.markProcessed(em, CONSUMER, event.id())) {
            LOG.debugf("Event %s was taken before; nothing changes", event.id());
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        UUID caseId = event.caseId();
        CaseRecord record = em.find(CaseRecord.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        CaseEventData data = event.data();
        Decision decision = CaseStateMachine.decide(record == null ? null : record.facts(), data, event.time());
        Set<String> granted = record == null ? Set.of() : access.organisations(caseId);
        if (record != null) {
            Optional<String> refusal = AccessRules.refusal(record.ownerOrganisation, granted, event.reportedby(), data);
            if (refusal.isPresent()) {
                decision = Decision.rejected(record.facts(), refusal.get());
            }
        }

        if (record == null && decision.isApplied() && data instanceof CaseOpened opened) {
            IndexedFacts indexed = IndexedFacts.of(opened.person(), opened.dateTaken());
            record = open(caseId, opened, decision.after(), event.reportedby(), now);
            record.ageGroupWhenTaken = indexed.ageGroupWhenTaken();
            record.nameKeysVersion = NameKeys.VERSION;
            record.nameKeysIndex = nameIndex.indexKeyFingerprint();
            em.persist(record);
            decision = index(record, indexed, decision);
            access.grant(caseId, record.ownerOrganisation, event.id(), now);
            granted = Set.of(record.ownerOrganisation);
        } else if (record != null) {
            record.setFacts(decision.after());
            record.conflicts = withConflicts(record.conflicts, decision, event.id(), now);
            record.updatedAt = now; // every event a case takes is a new version of it
        }
        if (record != null && decision.isApplied()) {
            if (data instanceof CaseShared shared) {
                access.grant(caseId, shared.organisation(), event.id(), now);
            } else if (data instanceof CaseUnshared unshared) {
                access.revoke(caseId, unshared.organisation());
            }
            granted = AccessRules.after(granted, data);
        }
        em.persist(entry(event, decision, now));
        em.flush();

        CaseTransition transition = new CaseTransition(transitionId(event.id()), caseId, event.id(), data.type(),
                record == null ? null : record.category, decision.status(), decision.from(), decision.to(),
                decision.reason(), decision.urgency(data.type()), decision.alerts(),
                record == null ? 0 : record.version, event.time(), event.receivedat(), now, event.reportedby(),
                record == null ? List.of() : AccessRules.visibleTo(record.ownerOrganisation, granted));
        outbox.add(Topics.CASE_TRANSITIONS, caseId.toString(), CloudEvent.transition(transition, SOURCE));
        LOG.infof("Case %s took %s %s: %s %s -> %s%s", caseId, data.type(), event.id(), decision.status(),
                decision.from(), decision.to(), decision.alerts().isEmpty() ? "" : " " + decision.alerts());
        return decision.isApplied() ? Outcome.APPLIED : Outcome.REJECTED;
    }

    /**
     * Stores the new case's name keys and flags the case when it may be a person who already has a case.
     */
    private Decision index(CaseRecord record, IndexedFacts facts, Decision decision) {
        em.flush(); // the case row first: the keys refer to it
        nameIndex.replace(record.caseId, facts);
        long duplicates = nameIndex.possibleDuplicateCounts(List.of(record.caseId)).getOrDefault(record.caseId, 0L);
        if (duplicates == 0) {
            return decision;
        }
        return decision.withAlert(Alert.POSSIBLE_DUPLICATE, "possibly the same person as " + duplicates
                + (duplicates == 1 ? " existing case" : " existing cases")
                + " (same name, birth year at most one year apart)");
    }

    /** The same event always announces the same transition id, so consumers can drop redelivered ones. */
    static UUID transitionId(UUID eventId) {
        return UUID.nameUUIDFromBytes(("transition:" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The new case's row; its person and place taken sealed for this case (PersonalData). */
    private CaseRecord open(UUID caseId, CaseOpened opened, CaseFacts facts, String owner, Instant now) {
        CaseRecord record = new CaseRecord();
        record.caseId = caseId;
        record.ownerOrganisation = owner == null ? "unknown" : owner;
        record.person = personalData.seal(EventCodec.toJson(opened.person()).toString(),
                PersonalData.person(caseId));
        record.placeTaken = personalData.seal(opened.placeTaken(), PersonalData.placeTaken(caseId));
        record.dateTaken = opened.dateTaken();
        record.conflicts = "[]";
        record.openedAt = now;
        record.updatedAt = now;
        record.setFacts(facts);
        return record;
    }

    /** The timeline entry of an event; the event's fields sealed for this entry (PersonalData). */
    private TimelineEntry entry(CloudEvent<CaseEventData> event, Decision decision, Instant now) {
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.id();
        entry.caseId = event.caseId();
        entry.type = event.data().type();
        entry.occurredAt = event.time();
        entry.receivedAt = event.receivedat() == null ? now : event.receivedat();
        entry.recordedAt = now;
        entry.reportedBy = event.reportedby() == null ? "unknown" : event.reportedby();
        entry.submittedBy = event.submittedby();
        entry.status = decision.status();
        entry.reason = decision.reason();
        entry.fromState = decision.from();
        entry.toState = decision.to();
        entry.alerts = json(decision.alerts());
        entry.urgency = decision.urgency(event.data().type());
        entry.data = personalData.seal(json(event.data()), PersonalData.timelineData(event.id()));
        return entry;
    }

    private static String withConflicts(String json, Decision decision, UUID eventId, Instant now) {
        List<Alert> raised = decision.alerts().stream()
                .filter(a -> a == Alert.FORCED_REPATRIATION_RISK || a == Alert.LIFE_AFTER_DEATH).toList();
        if (raised.isEmpty()) {
            return json;
        }
        List<Conflict> conflicts = new ArrayList<>(conflicts(json));
        raised.forEach(alert -> conflicts.add(new Conflict(alert, eventId, decision.reason(), now)));
        return json(conflicts);
    }

    /** Reads a case's conflicts column. */
    public static List<Conflict> conflicts(String json) {
        try {
            return EventCodec.mapper().readValue(json, CONFLICTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conflicts are not readable", e);
        }
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
