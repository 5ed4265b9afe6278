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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.UUID;
import org.homeward.cases.access.domain.AccessRules;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.holds.domain.CaseHolds;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.cases.metrics.EventMetrics;
import org.homeward.cases.outbox.Outbox;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.domain.IndexedFacts;
import org.homeward.cases.search.domain.NameKeys;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.Alert;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventRetracted;
import org.homeward.events.EventType;
import org.homeward.events.ReasonCode;
import org.homeward.events.TransitionStatus;
import org.homeward.cases.lifecycle.domain.Derivation.Judgement;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.support.persistence.ProcessedMessages;
import org.homeward.support.tracing.Traces;
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
    private static final TypeReference<List<VitalClaim>> CLAIMS = new TypeReference<>() {
    };
    /** Reasons a retraction is refused (the transition carries their ReasonCode). */
    static final String RETRACT_UNKNOWN = "there is no event ";
    static final String RETRACT_RETRACTION = "a retraction cannot be retracted";
    static final String RETRACT_AGAIN = " was already retracted by ";
    static final String RETRACT_TYPE = " cannot be retracted: close the case";
    static final String RETRACT_NOT_PERMITTED = "only the organisation that reported the event, or the case's owner, "
            + "may retract it";
    /** Events that can be taken back: all but the opening, sharing and retractions themselves. */
    private static final Set<EventType> RETRACTABLE = java.util.EnumSet.complementOf(java.util.EnumSet.of(
            EventType.CASE_OPENED, EventType.CASE_SHARED, EventType.CASE_UNSHARED, EventType.EVENT_RETRACTED));

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

    @Inject
    CaseHolds holds;

    @Inject
    EventMetrics metrics;

    /**
     * What became of an event: its decision, nothing when it had been taken before, or kept behind the events of a
     * case on hold.
     */
    public enum Outcome { APPLIED, REJECTED, DUPLICATE, HELD }

    /** Takes an event as it arrives: applied, unless its case is on hold ({@link CaseHolds}), where it waits. */
    @Transactional
    public Outcome take(CloudEvent<CaseEventData> event) {
        // An erasure does not wait behind a hold: it drops the held events with the rest of the person's data.
        if (!(event.data() instanceof CaseErased) && holds.holdBehind(event)) {
            return metrics.committed(event.data().type(), Outcome.HELD);
        }
        return apply(event);
    }

    /**
     * Takes a batch of events in one transaction, in their order ({@link #take} each): one commit for the batch. If
     * any event fails, nothing of the batch is stored; the consumer then takes them one at a time.
     *
     * <p>After each event its writes go to the database and the persistence context is emptied: every flush (and
     * Hibernate flushes before each query) walks every entity the context holds, so a context kept for the whole batch
     * made each event's work grow with the events before it, most with long timelines read for a derivation. The next
     * event reads what it needs again, in the same transaction, under the same row locks (docs/performance.md,
     * "Catching up").
     */
    @Transactional
    public void takeAll(List<CloudEvent<CaseEventData>> events) {
        // each in its own record's span, so its transition continues its trace
        Traces.each(events, event -> {
            take(event);
            em.flush();
            em.clear();
        });
    }

    /** Applies an event whatever holds its case: for the release of a case on hold, which applies its held events. */
    @Transactional
    public Outcome apply(CloudEvent<CaseEventData> event) {
        if (!ProcessedMessages.markProcessed(em, CONSUMER, event.id())) {
            LOG.debugf("Event %s was taken before; nothing changes", event.id());
            return metrics.committed(event.data().type(), Outcome.DUPLICATE);
        }
        Instant now = clock.instant();
        UUID caseId = event.caseId();
        CaseRecord record = em.find(CaseRecord.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        Outcome outcome;
        if (record != null && record.state == CaseState.ERASED) {
            outcome = afterErasure(record, event, now);
        } else if (event.data() instanceof CaseErased erased) {
            outcome = erase(record, event, erased, now);
        } else {
            outcome = record == null ? takeWithoutCase(event, now) : takeInto(record, event, now);
        }
        return metrics.committed(event.data().type(), outcome);
    }

    /**
     * Erases a case (crypto-shredding): destroys the case's key, so every value sealed under it (person, place taken,
     * vital claims, timeline payloads, retraction reasons, held events; in this database and in every copy or backup
     * of its columns) can never be opened again; sets to null what was not sealed under it (values the key ring sealed
     * before case keys existed and rotation has not moved yet, plaintext from before encryption) and every derived
     * fact about the person (stated destination, dates of death, vital status, conflicts, date taken, rejection
     * reasons); removes its search and duplicate keys and its held events. What stays: the case's id, category, owner,
     * access, age group when taken, its state ({@link CaseState#ERASED}, for good), the timeline's skeleton (types,
     * statuses, states, times, organisations) and the audit log, so counts and the record of who did and read what
     * remain. Only the case's owner may erase it (intake lets only its admins ask); another organisation's erasure is
     * kept as REJECTED and changes nothing.
     */
    private Outcome erase(CaseRecord record, CloudEvent<CaseEventData> event, CaseErased erased, Instant now) {
        UUID caseId = event.caseId();
        TimelineEntry entry = skeleton(event, now);
        if (record == null) {
            // No case (its opening may wait behind a hold): nothing may stay of it either.
            holds.drop(caseId);
            personalData.destroyKey(caseId);
            Judgement refused = new Judgement(TransitionStatus.REJECTED, null, null,
                    "no case with this id has been opened", List.of(Alert.DATA_QUALITY));
            judge(entry, refused, erased.type());
            em.persist(entry);
            announce(event, null, refused, null, null, Set.of(), now);
            return Outcome.REJECTED;
        }
        CaseState before = record.state;
        Set<String> granted = access.organisations(caseId);
        if (event.reportedby() == null || !event.reportedby().equals(record.ownerOrganisation)) {
            Judgement refused = new Judgement(TransitionStatus.REJECTED, before, before,
                    "only the organisation that owns the case may erase it", List.of(Alert.DATA_QUALITY));
            judge(entry, refused, erased.type());
            entry.accessRefused = true;
            em.persist(entry);
            record.updatedAt = now;
            announce(event, record, refused, before, before, granted, now);
            return Outcome.REJECTED;
        }
        personalData.destroyKey(caseId);
        holds.drop(caseId);
        nameIndex.remove(caseId);
        record.person = caseSealedOnly(record.person);
        record.placeTaken = caseSealedOnly(record.placeTaken);
        record.vitalClaims = caseSealedOnly(record.vitalClaims);
        setFacts(record, new CaseFacts(CaseState.ERASED, null, record.category, null, null, null));
        record.dateTaken = null;
        record.yearTaken = null;
        record.vitalStatus = Vitals.UNKNOWN.status().name();
        record.vitalStatusDate = null;
        record.conflicts = personalData.seal("[]", PersonalData.conflicts(caseId));
        record.derivationVersion = Derivation.VERSION;
        record.updatedAt = now;
        em.flush();
        em.createNativeQuery("update timeline_entries set data = case when data like '" + CASE_SEALED
                        + "%' then data end, retraction_reason = case when retraction_reason like '" + CASE_SEALED
                        + "%' then retraction_reason end, reason = null where case_id = ?1")
                .setParameter(1, caseId).executeUpdate();
        Judgement applied = new Judgement(TransitionStatus.APPLIED, before, CaseState.ERASED, null, List.of());
        judge(entry, applied, erased.type());
        entry.reason = personalData.seal("erased by its owner: " + erased.reason(),
                PersonalData.timelineReason(entry.eventId));
        em.persist(entry);
        announce(event, record, new Judgement(TransitionStatus.APPLIED, before, CaseState.ERASED,
                "erased by its owner: " + erased.reason(), List.of()), before, CaseState.ERASED, granted, now);
        LOG.infof("Case %s erased (%s): its key is destroyed", caseId, erased.reason());
        return Outcome.APPLIED;
    }

    /** The prefix of values sealed under a case key: only these may stay once their key is destroyed. */
    private static final String CASE_SEALED = org.homeward.cases.protection.persistence.CaseKeys.PREFIX;

    private static String caseSealedOnly(String stored) {
        return PersonalData.isCaseSealed(stored) ? stored : null;
    }

    /**
     * An event of an erased case: nothing of it is stored but its skeleton (type, times, organisations), REJECTED,
     * and announced as such. A second erasure (another event id) changes nothing at all.
     */
    private Outcome afterErasure(CaseRecord record, CloudEvent<CaseEventData> event, Instant now) {
        if (event.data() instanceof CaseErased) {
            LOG.debugf("Case %s was erased already; erasure %s changes nothing", record.caseId, event.id());
            return Outcome.DUPLICATE;
        }
        TimelineEntry entry = skeleton(event, now);
        Judgement refused = new Judgement(TransitionStatus.REJECTED, CaseState.ERASED, CaseState.ERASED,
                "the case was erased; nothing is taken after an erasure", List.of(Alert.DATA_QUALITY));
        judge(entry, refused, event.data().type());
        entry.accessRefused = true; // never derives
        em.persist(entry);
        record.updatedAt = now;
        announce(event, record, refused, CaseState.ERASED, CaseState.ERASED, access.organisations(record.caseId),
                now);
        return Outcome.REJECTED;
    }

    /** The first event of a case: its opening, or an event for a case that does not exist (rejected). */
    private Outcome takeWithoutCase(CloudEvent<CaseEventData> event, Instant now) {
        UUID caseId = event.caseId();
        CaseEventData data = event.data();
        Decision decision = CaseStateMachine.decide(null, data, event.time());
        CaseRecord record = null;
        Set<String> granted = Set.of();
        if (decision.isApplied() && data instanceof CaseOpened opened) {
            IndexedFacts indexed = IndexedFacts.of(opened.person(), opened.dateTaken());
            record = open(caseId, opened, decision.after(), event.reportedby(), now);
            record.ageGroupWhenTaken = indexed.ageGroupWhenTaken();
            record.nameKeysVersion = NameKeys.VERSION;
            record.nameKeysIndex = nameIndex.indexKeyFingerprint();
            em.persist(record);
            decision = index(record, indexed, decision, event.id(), now);
            access.grant(caseId, record.ownerOrganisation, event.id(), now);
            granted = Set.of(record.ownerOrganisation);
        }
        TimelineEntry entry = entry(event, now);
        judge(entry, Judgement.of(decision), data.type());
        em.persist(entry);
        announce(event, record, Judgement.of(decision), decision.from(), decision.to(), granted, now);
        return decision.isApplied() ? Outcome.APPLIED : Outcome.REJECTED;
    }

    /**
     * An event of an existing case. Refused by the access rules, it is kept as REJECTED and never derives the case.
     * A retraction marks the event it names RETRACTED. Otherwise the event is placed where it happened and the case is
     * derived again ({@link #derive}). The transition announces the case's state before and after, the event's own
     * judgement, and every conflict the derivation newly raised anywhere in the case's history.
     */
    private Outcome takeInto(CaseRecord record, CloudEvent<CaseEventData> event, Instant now) {
        UUID caseId = record.caseId;
        CaseEventData data = event.data();
        CaseState before = record.state;
        List<Conflict> conflictsBefore = conflicts(record);
        Set<String> granted = access.organisations(caseId);
        TimelineEntry entry = entry(event, now);
        Optional<String> refusal = AccessRules.refusal(record.ownerOrganisation, granted, event.reportedby(), data);
        if (refusal.isEmpty() && data instanceof EventRetracted retraction) {
            refusal = retract(record, retraction, event);
        }
        Judgement own;
        if (refusal.isPresent()) {
            entry.accessRefused = !(data instanceof EventRetracted);
            own = new Judgement(TransitionStatus.REJECTED, before, before, refusal.get(), List.of(Alert.DATA_QUALITY));
            judge(entry, own, data.type());
            em.persist(entry);
        } else {
            judge(entry, new Judgement(TransitionStatus.APPLIED, before, before, null, List.of()), data.type());
            em.persist(entry);
            em.flush(); // its arrival sequence first
            Derivation.Result result = derive(record, data instanceof EventRetracted ? null : entry, now);
            own = data instanceof EventRetracted
                    ? new Judgement(TransitionStatus.APPLIED, before, record.state, null, List.of())
                    : result.judgements().get(event.id());
            judge(entry, own, data.type());
            if (data instanceof CaseShared shared) {
                access.grant(caseId, shared.organisation(), event.id(), now);
            } else if (data instanceof CaseUnshared unshared) {
                access.revoke(caseId, unshared.organisation());
            }
            granted = AccessRules.after(granted, data);
        }
        record.updatedAt = now; // every event a case takes is a new version of it
        em.flush();

        // What this event changed beyond itself: conflicts the derivation newly raised on other events.
        Set<String> known = conflictsBefore.stream().map(CaseLedger::conflictKey).collect(Collectors.toSet());
        List<Conflict> raised = conflicts(record).stream()
                .filter(c -> !known.contains(conflictKey(c)) && !c.eventId().equals(event.id())).toList();
        List<Alert> alerts = new ArrayList<>(own.alerts());
        String reason = own.reason();
        for (Conflict conflict : raised) {
            if (!alerts.contains(conflict.kind())) {
                alerts.add(conflict.kind());
            }
            reason = (reason == null ? "" : reason + "; ") + "event " + conflict.eventId() + ": " + conflict.reason();
        }
        Judgement announced = new Judgement(own.status(), before, record.state, reason, alerts);
        announce(event, record, announced, before, record.state, granted, now);
        return own.isApplied() ? Outcome.APPLIED : Outcome.REJECTED;
    }

    /**
     * Derives a case again under the current rules ({@link Derivation#VERSION}), for cases stored under older ones.
     * When its state or conflicts change, a transition announces it; it names no event (nothing arrived), and its
     * id is the same for the same case and rules, so a repeated pass announces nothing twice. Answers whether the
     * case changed; false as well when it was already current.
     */
    @Transactional
    public boolean rederive(UUID caseId) {
        CaseRecord record = em.find(CaseRecord.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        if (record == null || Objects.equals(record.derivationVersion, Derivation.VERSION)) {
            return false;
        }
        Instant now = clock.instant();
        CaseState before = record.state;
        Set<String> known = conflicts(record).stream().map(CaseLedger::conflictKey)
                .collect(Collectors.toSet());
        derive(record, null, now);
        List<Conflict> raised = conflicts(record).stream().filter(c -> !known.contains(conflictKey(c)))
                .toList();
        if (before == record.state && raised.isEmpty()) {
            return false;
        }
        record.updatedAt = now;
        em.flush();
        List<Alert> alerts = raised.stream().map(Conflict::kind).distinct().toList();
        CaseTransition transition = new CaseTransition(
                UUID.nameUUIDFromBytes(("rederivation:" + caseId + ":" + Derivation.VERSION)
                        .getBytes(StandardCharsets.UTF_8)),
                caseId, null, null, record.category, TransitionStatus.APPLIED, before, record.state,
                ReasonCode.DERIVED_AGAIN, Judgement.urgency(null, TransitionStatus.APPLIED, alerts), alerts,
                record.version,
                now, now, now, null, AccessRules.visibleTo(record.ownerOrganisation, access.organisations(caseId)));
        outbox.add(Topics.CASE_TRANSITIONS, caseId.toString(), CloudEvent.transition(transition, SOURCE));
        LOG.infof("Case %s derived again under version %d: %s -> %s%s", caseId, Derivation.VERSION, before,
                record.state, alerts.isEmpty() ? "" : " " + alerts);
        return true;
    }

    /**
     * Judges a retraction against the event it names and, when it may be taken, marks that event RETRACTED. Answers
     * why not otherwise: intake refuses these before publishing; this is the defence behind it.
     */
    private Optional<String> retract(CaseRecord record, EventRetracted retraction, CloudEvent<CaseEventData> event) {
        List<TimelineEntry> found = em.createQuery("from TimelineEntry where eventId = :eventId and caseId = :caseId",
                        TimelineEntry.class)
                .setParameter("eventId", retraction.eventId()).setParameter("caseId", record.caseId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            return Optional.of(RETRACT_UNKNOWN + retraction.eventId() + " in this case's timeline to retract");
        }
        TimelineEntry target = found.get(0);
        if (target.type == EventType.EVENT_RETRACTED) {
            return Optional.of(RETRACT_RETRACTION);
        }
        if (target.status == TransitionStatus.RETRACTED) {
            return Optional.of("event " + target.eventId + RETRACT_AGAIN + target.retractedBy);
        }
        if (!RETRACTABLE.contains(target.type)) {
            return Optional.of(target.type + RETRACT_TYPE + ", or revoke the share with CASE_UNSHARED");
        }
        String by = event.reportedby();
        if (by == null || !(by.equals(target.reportedBy) || by.equals(record.ownerOrganisation))) {
            return Optional.of(RETRACT_NOT_PERMITTED);
        }
        target.status = TransitionStatus.RETRACTED;
        target.alerts = "[]";
        target.retractedBy = event.id();
        target.retractedByOrganisation = by;
        target.retractedAt = event.time();
        target.retractionReason = personalData.seal(record.caseId, retraction.reason(),
                PersonalData.retractionReason(target.eventId));
        return Optional.empty();
    }

    /**
     * Derives the case again after {@code arriving} was stored (null: after a retraction, or to bring the case under
     * the current rules). When the arriving event falls after every other, the case is extended from its stored
     * facts; otherwise every event of the case is read and judged again where it happened, and the entries whose
     * judgement changed are updated. Either way the same rules ({@link Derivation}) give the same case.
     */
    public Derivation.Result derive(CaseRecord record, TimelineEntry arriving, Instant now) {
        UUID caseId = record.caseId;
        if (arriving != null && record.derivationVersion != null && record.derivationVersion == Derivation.VERSION) {
            Derivation.Event next = event(arriving);
            if (Derivation.fallsLast(next, latestOccurredAt(caseId, arriving.seq))) {
                // Only a claim can change the vital claims: the others leave them sealed as they are, unread.
                boolean claim = VitalClaim.of(next.eventId(), next.data(), next.occurredAt(), next.reportedBy())
                        .isPresent();
                Derivation.Result result = Derivation.extend(facts(record), claim ? claims(record) : List.of(), next);
                List<Conflict> conflicts = new ArrayList<>(conflicts(record));
                conflicts.addAll(result.conflicts(now));
                store(record, result, conflicts, claim);
                return result;
            }
        }
        List<TimelineEntry> entries = em.createQuery("from TimelineEntry where caseId = :caseId order by seq",
                TimelineEntry.class).setParameter("caseId", caseId).getResultList();
        List<Derivation.Event> events = entries.stream().filter(TimelineEntry::derives).map(this::event).toList();
        // A case stored before its opening was kept in the timeline starts where every opening does.
        boolean opening = events.stream().anyMatch(e -> e.data() instanceof CaseOpened);
        Derivation.Result result = Derivation.derive(opening ? null
                : new CaseFacts(CaseState.REPORTED, null, record.category, null, null, null), events);
        int changed = 0;
        for (TimelineEntry entry : entries) {
            Judgement judgement = result.judgements().get(entry.eventId);
            if (judgement != null && entry.type != EventType.CASE_OPENED && judge(entry, judgement, entry.type)) {
                changed++;
            }
        }
        Map<String, Instant> detected = conflicts(record).stream()
                .collect(Collectors.toMap(CaseLedger::conflictKey, Conflict::detectedAt, (a, b) -> a));
        List<Conflict> conflicts = result.conflicts(now).stream().map(c -> new Conflict(c.kind(), c.eventId(),
                c.reason(), detected.getOrDefault(conflictKey(c), now))).toList();
        store(record, result, conflicts, true);
        LOG.debugf("Case %s derived again from %d events; %d judgements changed", caseId, events.size(), changed);
        return result;
    }

    /** The derived facts, conflicts and, when {@code vitals}, the vital claims and status onto the case's row. */
    private void store(CaseRecord record, Derivation.Result result, List<Conflict> conflicts, boolean vitals) {
        if (result.facts() != null) {
            setFacts(record, result.facts());
        }
        if (vitals) {
            record.vitalStatus = result.vitals().status().name();
            if (!Objects.equals(openDate(record.vitalStatusDate, PersonalData.vitalStatusDate(record.caseId)),
                    result.vitals().date())) {
                record.vitalStatusDate = personalData.sealDate(result.vitals().date(),
                        PersonalData.vitalStatusDate(record.caseId));
            }
            record.vitalClaims = result.claims().isEmpty() ? null
                    : personalData.seal(record.caseId, json(result.claims()), PersonalData.vitalClaims(record.caseId));
        }
        if (!conflicts.equals(conflicts(record))) {
            record.conflicts = personalData.seal(json(conflicts), PersonalData.conflicts(record.caseId));
        }
        record.derivationVersion = Derivation.VERSION;
    }

    /** The case's vital claims, opened. */
    public List<VitalClaim> claims(CaseRecord record) {
        if (record.vitalClaims == null) {
            return List.of();
        }
        try {
            return EventCodec.mapper().readValue(personalData.open(record.caseId, record.vitalClaims,
                    PersonalData.vitalClaims(record.caseId)), CLAIMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored vital claims are not readable", e);
        }
    }

    /** When the latest event a derivation reads happened, besides the one with arrival sequence {@code except}. */
    private Optional<Instant> latestOccurredAt(UUID caseId, long except) {
        return Optional.ofNullable(em.createQuery("select max(occurredAt) from TimelineEntry where caseId = :caseId "
                        + "and seq <> :except and type not in (:opening, :retraction) and status <> :retracted "
                        + "and accessRefused = false", Instant.class)
                .setParameter("caseId", caseId).setParameter("except", except)
                .setParameter("opening", EventType.CASE_OPENED).setParameter("retraction", EventType.EVENT_RETRACTED)
                .setParameter("retracted", TransitionStatus.RETRACTED)
                .getSingleResult());
    }

    /** A stored entry as derivation reads it: its fields opened. */
    private Derivation.Event event(TimelineEntry entry) {
        CaseEventData data = EventCodec.fromJson(tree(personalData.open(entry.caseId, entry.data,
                PersonalData.timelineData(entry.eventId))), entry.type.payloadType());
        return new Derivation.Event(entry.eventId, entry.seq, data, entry.occurredAt, entry.reportedBy);
    }

    /**
     * Writes a judgement onto an entry; true when it changed anything. The reason is sealed for the entry
     * ({@code timeline:<eventId>:reason}): it may quote a stated destination, a place or a date of death.
     */
    private boolean judge(TimelineEntry entry, Judgement judgement, EventType type) {
        String alerts = json(judgement.alerts());
        org.homeward.events.Urgency urgency = judgement.urgency(type);
        boolean reasonChanged = !Objects.equals(reason(entry), judgement.reason());
        boolean changed = entry.status != judgement.status() || reasonChanged
                || entry.fromState != judgement.from() || entry.toState != judgement.to()
                || !Objects.equals(entry.alerts, alerts) || entry.urgency != urgency;
        if (changed) {
            entry.status = judgement.status();
            if (reasonChanged) {
                entry.reason = personalData.seal(judgement.reason(), PersonalData.timelineReason(entry.eventId));
            }
            entry.fromState = judgement.from();
            entry.toState = judgement.to();
            entry.alerts = alerts;
            entry.urgency = urgency;
        }
        return changed;
    }

    /** An entry's reason, opened. */
    public String reason(TimelineEntry entry) {
        return entry.reason == null ? null : personalData.open(entry.reason, PersonalData.timelineReason(entry.eventId));
    }

    /** Publishes (through the outbox) what became of an event, in its transaction. */
    private void announce(CloudEvent<CaseEventData> event, CaseRecord record, Judgement judgement, CaseState from,
            CaseState to, Set<String> granted, Instant now) {
        em.flush();
        UUID caseId = event.caseId();
        EventType type = event.data().type();
        CaseTransition transition = new CaseTransition(transitionId(event.id()), caseId, event.id(), type,
                record == null ? null : record.category, judgement.status(), from, to,
                ReasonCodes.of(judgement.status(), judgement.reason(), judgement.alerts()), judgement.urgency(type),
                judgement.alerts(), record == null ? 0 : record.version, event.time(),
                event.receivedat(), now, event.reportedby(),
                record == null ? List.of() : AccessRules.visibleTo(record.ownerOrganisation, granted));
        outbox.add(Topics.CASE_TRANSITIONS, caseId.toString(), CloudEvent.transition(transition, SOURCE));
        LOG.infof("Case %s took %s %s: %s %s -> %s%s", caseId, type, event.id(), judgement.status(), from, to,
                judgement.alerts().isEmpty() ? "" : " " + judgement.alerts());
    }

    private static String conflictKey(Conflict conflict) {
        return conflict.kind() + "/" + conflict.eventId();
    }

    /**
     * Stores the new case's name keys and flags the case when it may be a person who already has a case. The opener's
     * alert counts only the cases its organisation may see: a count of every case would tell a reporter whether another
     * partner holds the person (open a probe case, read the count). The owner of each likely duplicate the opener may
     * not see is told instead ({@link #announceElsewhere}), and may share its case.
     */
    private Decision index(CaseRecord record, IndexedFacts facts, Decision decision, UUID openingEventId, Instant now) {
        em.flush(); // the case row first: the keys refer to it
        nameIndex.replace(record.caseId, facts);
        for (NameIndex.Unseen unseen : nameIndex.unseenDuplicates(record.caseId, record.ownerOrganisation)) {
            announceElsewhere(unseen, record.ownerOrganisation, openingEventId, now);
        }
        long duplicates = nameIndex.possibleDuplicateCounts(List.of(record.caseId), record.ownerOrganisation)
                .getOrDefault(record.caseId, 0L);
        if (duplicates == 0) {
            return decision;
        }
        return decision.withAlert(Alert.POSSIBLE_DUPLICATE, "possibly the same person as " + duplicates
                + (duplicates == 1 ? " existing case" : " existing cases")
                + " (same name, birth year at most one year apart)");
    }

    /**
     * Tells the owner of {@code unseen} alone (visibleTo: the owner) that {@code opener} opened a case that may be the
     * same person: a transition of the owner's case with the alert {@link Alert#POSSIBLE_DUPLICATE_ELSEWHERE}, no event
     * id or type (nothing arrived in that case), and the opener's organisation in {@code reportedBy}, which is all the
     * owner needs to share its case with it. Nothing of the opener's case (its id, category, dates) is said. The id is
     * fixed by the opening and the case, so a redelivered opening announces nothing twice.
     */
    private void announceElsewhere(NameIndex.Unseen unseen, String opener, UUID openingEventId, Instant now) {
        List<Alert> alerts = List.of(Alert.POSSIBLE_DUPLICATE_ELSEWHERE);
        CaseTransition transition = new CaseTransition(
                UUID.nameUUIDFromBytes(("duplicate-elsewhere:" + openingEventId + ":" + unseen.caseId())
                        .getBytes(StandardCharsets.UTF_8)),
                unseen.caseId(), null, null, unseen.category(), TransitionStatus.APPLIED, unseen.state(),
                unseen.state(), ReasonCode.POSSIBLE_DUPLICATE_ELSEWHERE,
                Judgement.urgency(null, TransitionStatus.APPLIED, alerts), alerts, unseen.version(), now, now, now,
                opener, List.of(unseen.owner()));
        outbox.add(Topics.CASE_TRANSITIONS, unseen.caseId().toString(), CloudEvent.transition(transition, SOURCE));
        LOG.infof("Case %s: possible duplicate opened elsewhere; its owner is told", unseen.caseId());
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
        record.person = personalData.seal(caseId, EventCodec.toJson(opened.person()).toString(),
                PersonalData.person(caseId));
        record.placeTaken = personalData.seal(caseId, opened.placeTaken(), PersonalData.placeTaken(caseId));
        record.dateTaken = personalData.sealDate(opened.dateTaken(), PersonalData.dateTaken(caseId));
        record.yearTaken = opened.dateTaken() == null ? null : opened.dateTaken().getYear();
        record.conflicts = personalData.seal("[]", PersonalData.conflicts(caseId));
        record.openedAt = now;
        record.updatedAt = now;
        setFacts(record, facts);
        record.vitalStatus = Vitals.UNKNOWN.status().name();
        record.derivationVersion = Derivation.VERSION;
        return record;
    }

    /** The timeline entry of an event without its payload: for an erasure, and for events after one. */
    private TimelineEntry skeleton(CloudEvent<CaseEventData> event, Instant now) {
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.id();
        entry.caseId = event.caseId();
        entry.type = event.data().type();
        entry.occurredAt = event.time();
        entry.receivedAt = event.receivedat() == null ? now : event.receivedat();
        entry.recordedAt = now;
        entry.reportedBy = event.reportedby() == null ? "unknown" : event.reportedby();
        entry.submittedBy = event.submittedby();
        return entry;
    }

    /** The timeline entry of an event, not judged yet; the event's fields sealed for this entry (PersonalData). */
    private TimelineEntry entry(CloudEvent<CaseEventData> event, Instant now) {
        TimelineEntry entry = skeleton(event, now);
        entry.data = personalData.seal(event.caseId(), json(event.data()), PersonalData.timelineData(event.id()));
        return entry;
    }

    /**
     * The facts the state machine judges by, opened: the state, the category, the stated destination and the dates
     * of death (sealed, PersonalData).
     */
    public CaseFacts facts(CaseRecord record) {
        UUID caseId = record.caseId;
        return new CaseFacts(record.state, record.stateBeforeClose, record.category,
                personalData.open(record.statedDestination, PersonalData.statedDestination(caseId)),
                openDate(record.dateOfDeath, PersonalData.dateOfDeath(caseId)),
                openDate(record.deathReportedOn, PersonalData.deathReportedOn(caseId)));
    }

    /** Writes derived facts onto the case's row, sealing the personal ones that changed (each bound to its column). */
    private void setFacts(CaseRecord record, CaseFacts facts) {
        UUID caseId = record.caseId;
        CaseFacts before = record.state == null ? null : facts(record);
        record.state = facts.state();
        record.stateBeforeClose = facts.stateBeforeClose();
        record.category = facts.category();
        if (before == null || !Objects.equals(before.statedDestination(), facts.statedDestination())) {
            record.statedDestination = personalData.seal(facts.statedDestination(),
                    PersonalData.statedDestination(caseId));
        }
        if (before == null || !Objects.equals(before.dateOfDeath(), facts.dateOfDeath())) {
            record.dateOfDeath = personalData.sealDate(facts.dateOfDeath(), PersonalData.dateOfDeath(caseId));
        }
        if (before == null || !Objects.equals(before.deathReportedOn(), facts.deathReportedOn())) {
            record.deathReportedOn = personalData.sealDate(facts.deathReportedOn(),
                    PersonalData.deathReportedOn(caseId));
        }
    }

    private java.time.LocalDate openDate(String stored, String context) {
        return personalData.openDate(stored, context);
    }

    /** The case's conflicts, opened (sealed for {@code case:<caseId>:conflicts}; "[]" and plaintext read as they are). */
    public List<Conflict> conflicts(CaseRecord record) {
        return conflicts(personalData.open(record.conflicts, PersonalData.conflicts(record.caseId)));
    }

    /** Reads conflicts as JSON. */
    static List<Conflict> conflicts(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventCodec.mapper().readValue(json, CONFLICTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conflicts are not readable", e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored timeline entry is not readable", e);
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
