package org.homeward.intake.submission.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventRetracted;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.idempotency.StoredKey;
import org.homeward.intake.idempotency.UnsettledPublications.Unsettled;
import org.homeward.intake.publishing.TopicSearch;
import org.homeward.intake.submission.persistence.AcceptStore;
import org.homeward.intake.metrics.IntakeMetrics;
import org.homeward.intake.publishing.CaseEventPublisher;
import org.homeward.intake.publishing.CaseEventPublisher.Delivery;
import org.homeward.intake.registry.domain.CaseRegistry.CaseAccess;
import org.homeward.intake.registry.domain.CaseRegistry.KnownEvent;
import org.homeward.events.EventType;
import org.homeward.support.identity.Roles;
import org.homeward.support.identity.Caller;
import org.homeward.support.messaging.RetryInPlace;
import org.homeward.support.problem.DependencyFailures;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;
import org.homeward.support.problem.SafeLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns validated submissions into case events and publishes them: one at a time ({@link #open}, {@link #submit}) or
 * many ({@link #acceptAll}). Each candidate is answered accepted only once Kafka acknowledged it.
 *
 * <p>Per request: (1) with an Idempotency-Key, take the key's lock (409 if another request holds it) and answer what
 * the key was already used for (the same ids, nothing published) or 422 when it was used for something else; (2)
 * refuse events for cases intake does not know or the caller's organisation may not report on (404, the same answer
 * for both), sharing events from anyone but the owner's admin (403), and retractions that could never apply (422, 403,
 * 409: see {@link #mayRetract}); (3) register the cases being opened; (4) publish, one case's
 * events in order, and wait for the acknowledgements; (5) store the keys of what was acknowledged and undo the
 * registrations of openings that were not; commit. Steps 1-5 are one database transaction when there is a key or an
 * opening, so a key or registration is stored only for what Kafka holds.
 */
@ApplicationScoped
public class IntakeService {

    public static final String SOURCE = "urn:homeward:intake-service";
    private static final Logger LOG = Logger.getLogger(IntakeService.class);
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** What a request does; part of every fingerprint, so one key cannot be reused across kinds. */
    public enum Kind {
        OPEN, EVENT, BATCH, IMPORT;

        boolean opens() {
            return this == OPEN || this == IMPORT;
        }

        boolean bulk() {
            return this == BATCH || this == IMPORT;
        }
    }

    @Inject
    CaseEventPublisher publisher;

    @Inject
    AcceptStore store;

    @Inject
    TopicSearch search;

    @Inject
    IntakeMetrics metrics;

    @ConfigProperty(name = "homeward.intake.retry-after-seconds", defaultValue = "5")
    int retryAfterSeconds;

    Clock clock = Clock.systemUTC();

    /** Opens a case: a new case id (the same one on a retry with the same key) and its CASE_OPENED event. */
    public Outcome open(Submission submission, Caller reporter, String idempotencyKey) {
        return single(Kind.OPEN, Candidate.of(0, null, submission), reporter, idempotencyKey);
    }

    /** Reports an event of an existing case. */
    public Outcome submit(UUID caseId, Submission submission, Caller reporter, String idempotencyKey) {
        return single(Kind.EVENT, Candidate.of(0, caseId, submission), reporter, idempotencyKey);
    }

    private Outcome single(Kind kind, Candidate candidate, Caller reporter, String key) {
        Outcome outcome = acceptAll(kind, List.of(candidate), reporter, key, null).get(0);
        if (!outcome.isAccepted()) {
            throw new ProblemException(outcome.problem(), retryAfter(outcome.problem()));
        }
        return outcome;
    }

    /**
     * Accepts the candidates of one request. {@code requestFingerprint} identifies a bulk request as a whole (its key
     * then covers the request, and each item is stored under {@code key#index}); null for a single request.
     * Throws a problem for the request as a whole (key in flight or reused, database unavailable); otherwise answers
     * one outcome per candidate, in the candidates' order.
     */
    public List<Outcome> acceptAll(Kind kind, List<Candidate> candidates, Caller reporter, String key,
            String requestFingerprint) {
        List<EventType> types = candidates.stream().map(c -> c.submission().data().type()).toList();
        List<Outcome> outcomes;
        try {
            outcomes = acceptEach(kind, candidates, reporter, key, requestFingerprint);
        } catch (RuntimeException refused) {
            metrics.count(types, IntakeMetrics.Outcome.REFUSED);
            throw refused;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            metrics.count(types.get(i), !outcome.isAccepted() ? IntakeMetrics.Outcome.REFUSED
                    : outcome.replayed() ? IntakeMetrics.Outcome.REPLAYED : IntakeMetrics.Outcome.ACCEPTED);
        }
        return outcomes;
    }

    private List<Outcome> acceptEach(Kind kind, List<Candidate> candidates, Caller reporter, String key,
            String requestFingerprint) {
        List<Pending> pending = candidates.stream().map(c -> pending(kind, c, reporter, key)).toList();
        boolean transactional = key != null || kind.opens();
        boolean[] sent = {false};
        try {
            return transactional ? inTransaction(kind, pending, reporter, key, requestFingerprint, sent)
                    : accept(kind, pending, reporter, key, requestFingerprint, sent, new Held(null, false));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DependencyFailures.isUnavailable(e) || RetryInPlace.isTransient(e)) {
                LOG.warnf("Intake's database did not answer%s: %s", sent[0] ? " after publishing" : "",
                        SafeLog.describe(e));
                Map<String, String> retryAfter = Map.of("Retry-After", String.valueOf(retryAfterSeconds));
                if (sent[0]) {
                    // Events went to Kafka and may be there; what intake records of them (the key, the registration)
                    // was not committed. Only a retry with the same key is safe.
                    throw new ProblemException(Problem.of(ProblemType.OUTCOME_UNKNOWN, "Intake's database did not "
                            + "answer after the event was sent to Kafka: whether it was stored is not known. Send the "
                            + "same request again after the Retry-After delay with the same Idempotency-Key; the event "
                            + "keeps its id, so it is applied once. Without a key, look at the case's timeline "
                            + "before sending it again."), retryAfter);
                }
                throw new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "Intake's database did not "
                        + "answer in time; nothing was published. Send the request again after the Retry-After delay "
                        + "(with the same Idempotency-Key, if it had one)."), retryAfter);
            }
            throw e;
        }
    }

    /**
     * Steps 1-5 in one database transaction on one connection (a plain JDBC transaction: the connection's own
     * commit, no transaction manager), held while Kafka answers: the key's lock lasts until the key is stored, and a
     * registration is committed only with its acknowledgement.
     */
    private List<Outcome> inTransaction(Kind kind, List<Pending> pending, Caller reporter, String key,
            String requestFingerprint, boolean[] sent) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                List<Outcome> outcomes = accept(kind, pending, reporter, key, requestFingerprint, sent,
                        new Held(connection, true));
                connection.commit();
                return outcomes;
            } catch (RuntimeException | SQLException e) {
                rollback(connection, e);
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    // a broken connection: the pool replaces it
                }
            }
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The connection of one request: held for the whole request in a transaction, or (no key, no opening: nothing
     * to write) taken for the reads only and given back before anything is published.
     */
    private final class Held {
        private Connection connection;
        private final boolean transactional;

        Held(Connection connection, boolean transactional) {
            this.connection = connection;
            this.transactional = transactional;
        }

        Connection get() throws SQLException {
            if (connection == null) {
                connection = store.connection();
            }
            return connection;
        }

        /** Before publishing: a connection that is not in a transaction goes back to the pool. */
        void releaseUnlessTransactional() throws SQLException {
            if (!transactional && connection != null) {
                Connection c = connection;
                connection = null;
                c.close();
            }
        }
    }

    /** A failure of intake's database, unchecked; {@link DependencyFailures} reads the SQL state of its cause. */
    static final class DatabaseFailure extends RuntimeException {
        DatabaseFailure(SQLException cause) {
            super(cause.getClass().getSimpleName(), cause);
        }
    }

    private List<Outcome> accept(Kind kind, List<Pending> pending, Caller reporter, String key,
            String requestFingerprint, boolean[] sent, Held held) {
        try {
            return acceptOn(kind, pending, reporter, key, requestFingerprint, sent, held);
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        } finally {
            try {
                held.releaseUnlessTransactional();
            } catch (SQLException e) {
                // closing a broken connection: the pool replaces it
            }
        }
    }

    private List<Outcome> acceptOn(Kind kind, List<Pending> pending, Caller reporter, String key,
            String requestFingerprint, boolean[] sent, Held held) throws SQLException {
        String organisation = reporter.organisation();
        Map<Integer, Outcome> outcomes = new TreeMap<>();
        List<Pending> todo = new ArrayList<>(pending);
        Set<String> republished = Set.of();

        // Everything the request must know before it publishes, in one round trip (AcceptStore.read).
        List<String> itemKeys = new ArrayList<>();
        if (key != null) {
            if (requestFingerprint != null) {
                itemKeys.add(key);
            }
            todo.forEach(p -> itemKeys.add(p.itemKey()));
        }
        Set<UUID> reported = todo.stream().filter(p -> !p.candidate().opens()).map(Pending::caseId)
                .collect(Collectors.toSet());
        Set<UUID> named = todo.stream().map(Pending::retracts).filter(Objects::nonNull).collect(Collectors.toSet());
        Connection connection = held.get();
        AcceptStore.Reads reads = store.read(connection, organisation,
                key == null ? null : IdempotencyStore.lockId(organisation, key), itemKeys, reported, named);

        if (key != null) {
            if (!reads.locked()) {
                throw new ProblemException(Problem.of(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "Another request with this Idempotency-Key is being processed; send yours again when it is "
                                + "answered", List.of(new Problem.FieldError(IDEMPOTENCY_KEY, "is in use"))),
                        Map.of("Retry-After", "1"));
            }
            if (requestFingerprint != null) {
                StoredKey request = reads.keys().get(key);
                if (request != null && !request.fingerprint().equals(requestFingerprint)) {
                    throw new ProblemException(keyReused());
                }
            }
            for (var it = todo.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                StoredKey earlier = reads.keys().get(p.itemKey());
                if (earlier == null) {
                    continue;
                }
                it.remove();
                outcomes.put(p.candidate().index(), earlier.fingerprint().equals(p.fingerprint())
                        ? Outcome.accepted(p.candidate().index(), earlier.caseId(), earlier.eventId(), true)
                        : Outcome.refused(p.candidate().index(), p.caseId(), keyReused()));
            }
            republished = settle(connection, todo, outcomes, organisation, reads.unsettled());
        }

        Map<UUID, CaseAccess> access = reads.access();
        Map<UUID, KnownEvent> retracted = reads.events();
        Set<UUID> retractedHere = new HashSet<>();
        for (var it = todo.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            Problem refused = p.candidate().opens() ? mayOpen(reporter)
                    : mayReport(kind, p, access.get(p.caseId()), reporter);
            if (refused == null && p.retracts() != null) {
                refused = mayRetract(kind, p, access.get(p.caseId()), retracted.get(p.retracts()), reporter,
                        retractedHere);
            }
            if (refused != null) {
                it.remove();
                outcomes.put(p.candidate().index(), Outcome.refused(p.candidate().index(), p.caseId(), refused));
            }
        }

        Map<Integer, Boolean> registeredHere = new HashMap<>();
        for (Pending p : todo) {
            if (p.candidate().opens()) {
                registeredHere.put(p.candidate().index(), store.register(connection, p.caseId(), organisation,
                        p.eventId()));
            }
        }

        List<CloudEvent<CaseEventData>> events = todo.stream().map(p -> p.event(reporter, clock)).toList();
        java.time.Instant attemptedAt = clock.instant();
        held.releaseUnlessTransactional();
        sent[0] = !events.isEmpty();
        List<Delivery> deliveries = publisher.publishInOrder(events);
        List<AcceptStore.Key> acknowledged = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Pending p = todo.get(i);
            int index = p.candidate().index();
            if (deliveries.get(i) == Delivery.UNKNOWN) {
                // It may be in Kafka: the opening's registration stays (a retry with the key finds it; without a key
                // nobody knows the case's id), and a keyed attempt is recorded for its retry to settle.
                outcomes.put(index, Outcome.refused(index, p.caseId(), outcomeUnknown(p.itemKey() != null)));
                if (p.itemKey() != null) {
                    store.rememberUnsettled(held.get(), organisation, p.itemKey(), p.fingerprint(), p.caseId(),
                            p.eventId(), attemptedAt);
                }
            } else if (deliveries.get(i) == Delivery.ACKNOWLEDGED) {
                outcomes.put(index, Outcome.accepted(index, p.caseId(), p.eventId(), false));
                if (key != null) {
                    acknowledged.add(new AcceptStore.Key(p.itemKey(), p.fingerprint(), p.caseId(), p.eventId()));
                    if (republished.contains(p.itemKey())) {
                        store.settled(held.get(), organisation, p.itemKey());
                    }
                }
                LOG.infof("Accepted %s %s for case %s from %s", p.candidate().submission().data().type(),
                        p.eventId(), p.caseId(), organisation);
            } else {
                if (Boolean.TRUE.equals(registeredHere.get(index))) {
                    store.forget(held.get(), p.caseId(), p.eventId());
                }
                outcomes.put(index, Outcome.refused(index, p.caseId(), notStored(deliveries.get(i))));
            }
        }
        if (key != null && requestFingerprint != null) {
            acknowledged.add(new AcceptStore.Key(key, requestFingerprint, null, null));
        }
        if (!acknowledged.isEmpty()) {
            store.rememberKeys(held.get(), organisation, acknowledged);
        }
        return List.copyOf(outcomes.values());
    }

    /** Opening a case takes the reporter role (an admin token alone may only share). */
    private static Problem mayOpen(Caller caller) {
        return caller.hasRole(Roles.REPORTER) ? null : Problem.of(ProblemType.FORBIDDEN,
                "Opening a case takes the reporter role");
    }

    /**
     * Whether the caller may add this event to the case: the case must be its organisation's or shared with it, else
     * the answer is exactly that of a case that does not exist (no existence leak). Sharing events (CASE_SHARED,
     * CASE_UNSHARED) take the admin role of the owning organisation; a retraction (EVENT_RETRACTED) is checked against
     * the event it names by {@link #mayRetract}; every other event takes the reporter role.
     */
    static Problem mayReport(Kind kind, Pending p, CaseAccess access, Caller caller) {
        String organisation = caller.organisation();
        if (access == null || !access.visibleTo(organisation)) {
            return caseNotFound(kind, p);
        }
        EventType type = p.candidate().submission().data().type();
        if (access.erased()) {
            return Problem.of(ProblemType.CASE_ERASED, "Case " + p.caseId() + " was erased by its owner; it takes no "
                    + "more events", List.of(new Problem.FieldError(kind.bulk() ? "/" + p.candidate().index()
                    + "/caseId" : "caseId", "names an erased case")));
        }
        if (type == EventType.CASE_ERASED) {
            if (!access.ownedBy(organisation) || !caller.hasRole(Roles.ADMIN)) {
                return Problem.of(ProblemType.FORBIDDEN, "Only an admin of the organisation that opened the case "
                        + "may erase it");
            }
            return null;
        }
        if (type == EventType.EVENT_RETRACTED) {
            return null;
        }
        if (type == EventType.CASE_SHARED || type == EventType.CASE_UNSHARED) {
            if (!access.ownedBy(organisation) || !caller.hasRole(Roles.ADMIN)) {
                return Problem.of(ProblemType.FORBIDDEN, "Only an admin of the organisation that opened the case "
                        + "may share it or revoke a share", List.of(new Problem.FieldError(
                        kind.bulk() ? "/" + p.candidate().index() + "/type" : "/type", "needs the admin role of the "
                        + "case's owner")));
            }
            return null;
        }
        return caller.hasRole(Roles.REPORTER) ? null : Problem.of(ProblemType.FORBIDDEN,
                "Reporting an event takes the reporter role", List.of(new Problem.FieldError(
                kind.bulk() ? "/" + p.candidate().index() + "/type" : "/type", "needs the reporter role")));
    }

    /**
     * Whether the caller may retract the event a retraction names, for a case the caller may see ({@link #mayReport}
     * passed), from what intake's event registry knows ({@code target}: null when the event is not known):
     * <ol>
     * <li>the event must be an event of this case that intake has read from case-events: an unknown event and an
     * event of another case get the same answer, 422 {@code unknown-event} (nothing tells another case's event
     * exists; an event sent a moment ago may not be known yet: send the retraction again after a moment);</li>
     * <li>only a reporter of the organisation that reported the event, or an admin of the case's owner, may retract
     * it: 403 {@code forbidden};</li>
     * <li>a retraction cannot be retracted, nor can a sharing event (revoke or grant the share instead) or the
     * opening (close the case instead): 422
     * {@code event-not-retractable};</li>
     * <li>an event retracted already (once intake has read that retraction back), or by an earlier item of this
     * request: 409 {@code conflict}.</li>
     * </ol>
     * Every refusal names {@code /eventId} ({@code /N/eventId} in a bulk request).
     */
    static Problem mayRetract(Kind kind, Pending p, CaseAccess access, KnownEvent target, Caller caller,
            Set<UUID> retractedHere) {
        String pointer = kind.bulk() ? "/" + p.candidate().index() + "/eventId" : "/eventId";
        if (target == null || !target.ofCase(p.caseId())) {
            return Problem.of(ProblemType.UNKNOWN_EVENT, "The event to retract is not an event of this case that "
                    + "intake knows; nothing was published. An event is known once intake has read it back from "
                    + "Kafka, usually within a second of its 202: if it was sent a moment ago, send the retraction "
                    + "again.", List.of(new Problem.FieldError(pointer, "is not a known event of this case")));
        }
        String organisation = caller.organisation();
        boolean itsReporter = organisation.equals(target.reportedBy()) && caller.hasRole(Roles.REPORTER);
        boolean ownersAdmin = access.ownedBy(organisation) && caller.hasRole(Roles.ADMIN);
        if (!itsReporter && !ownersAdmin) {
            return Problem.of(ProblemType.FORBIDDEN, "An event may be retracted only by a reporter of the "
                    + "organisation that reported it or by an admin of the organisation that opened the case",
                    List.of(new Problem.FieldError(pointer, "needs the reporter role of the event's organisation or "
                            + "the admin role of the case's owner")));
        }
        if (!target.isRetractable()) {
            EventType type = target.eventType();
            return Problem.of(ProblemType.EVENT_NOT_RETRACTABLE, target.isRetraction()
                    ? "A retraction cannot be retracted; report the event again instead"
                    : type == EventType.CASE_OPENED ? "The opening of a case cannot be retracted; close the case "
                            + "with CASE_CLOSED instead"
                    : "A sharing event cannot be retracted; revoke a share with CASE_UNSHARED, or grant it again "
                            + "with CASE_SHARED", List.of(new Problem.FieldError(pointer, target.isRetraction()
                    ? "is a retraction" : type == EventType.CASE_OPENED ? "is the case's opening"
                    : "is a sharing event")));
        }
        if (target.isRetracted() || !retractedHere.add(target.eventId())) {
            return Problem.of(ProblemType.CONFLICT, "The event was already retracted"
                    + (target.isRetracted() ? "" : " by an earlier item of this request")
                    + "; nothing was published", List.of(new Problem.FieldError(pointer, "was already retracted")));
        }
        return null;
    }

    /** The one answer for a case that does not exist and for one the caller may not see: the same body for both. */
    private static Problem caseNotFound(Kind kind, Pending p) {
        return Problem.of(ProblemType.CASE_NOT_FOUND, "No case " + p.caseId() + " exists; open it with "
                + "POST /api/v1/cases first", List.of(new Problem.FieldError(
                kind.bulk() ? "/" + p.candidate().index() + "/caseId" : "caseId", "is not a known case")));
    }

    /**
     * The retry of a keyed request whose earlier attempt's outcome was unknown: for each such item, look in
     * case-events. There: answer with its ids (a replay; the key is stored now). Not there: publish it as usual.
     * Cannot tell yet (the broker does not answer): unknown again, and the case's later items of this request wait
     * too, so that none overtakes it.
     */
    private Set<String> settle(Connection connection, List<Pending> todo, Map<Integer, Outcome> outcomes,
            String organisation, Map<String, Unsettled> open) throws SQLException {
        if (open.isEmpty()) {
            return Set.of();
        }
        Set<String> absent = new HashSet<>();
        Set<UUID> waiting = new HashSet<>();
        for (var it = todo.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            int index = p.candidate().index();
            if (waiting.contains(p.caseId())) {
                it.remove();
                outcomes.put(index, Outcome.refused(index, p.caseId(), notStored(Delivery.NOT_SENT)));
                continue;
            }
            Unsettled attempt = open.get(p.itemKey());
            if (attempt == null) {
                continue;
            }
            if (!attempt.fingerprint().equals(p.fingerprint())) {
                it.remove();
                outcomes.put(index, Outcome.refused(index, p.caseId(), keyReused()));
                continue;
            }
            TopicSearch.Found found = search.find(attempt.caseId(), attempt.eventId(), attempt.attemptedAt());
            LOG.infof("Settled event %s of case %s: %s", attempt.eventId(), attempt.caseId(), found);
            switch (found) {
                case PRESENT -> {
                    it.remove();
                    if (p.candidate().opens()) {
                        store.register(connection, p.caseId(), organisation, p.eventId());
                    }
                    store.rememberKeys(connection, organisation, List.of(new AcceptStore.Key(p.itemKey(),
                            p.fingerprint(), p.caseId(), p.eventId())));
                    store.settled(connection, organisation, p.itemKey());
                    outcomes.put(index, Outcome.accepted(index, p.caseId(), p.eventId(), true));
                }
                case ABSENT -> absent.add(p.itemKey()); // not in Kafka: published below, with the same ids
                case UNKNOWN -> {
                    it.remove();
                    waiting.add(p.caseId());
                    outcomes.put(index, Outcome.refused(index, p.caseId(), outcomeUnknown(true)));
                }
            }
        }
        return absent;
    }

    /** Kafka may or may not have stored the event; {@code keyed}: the request carried an Idempotency-Key. */
    static Problem outcomeUnknown(boolean keyed) {
        return Problem.of(ProblemType.OUTCOME_UNKNOWN, "Kafka did not acknowledge the event in time, and it may "
                + "have stored it all the same: whether it was stored is not known. " + (keyed
                ? "Send the same request again after the Retry-After delay with the same Idempotency-Key: intake "
                        + "then finds the event if Kafka has it and answers with its ids, or publishes it, so it is "
                        + "stored once either way."
                : "This request carried no Idempotency-Key, so sending it again may store the event twice: look at "
                        + "the case's timeline first, and send every event with an Idempotency-Key."));
    }

    private Problem notStored(Delivery delivery) {
        return Problem.of(ProblemType.BROKER_UNAVAILABLE, delivery == Delivery.FAILED
                ? "Kafka did not store the event (the producer could not send it, or the broker refused it); nothing "
                        + "was published. Send it again after the Retry-After delay."
                : "The event was not sent, because Kafka did not store an earlier event of the same case in this "
                        + "request (or time ran out); send it again after that one.");
    }

    private static Problem keyReused() {
        return Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different "
                + "request; choose a new key for a new request", List.of(new Problem.FieldError(IDEMPOTENCY_KEY,
                "was used for a different request")));
    }

    /** The headers a refused single request answers with: Retry-After when trying again later can succeed. */
    public Map<String, String> retryAfter(Problem problem) {
        return problem.status() == 503 ? Map.of("Retry-After", String.valueOf(retryAfterSeconds)) : Map.of();
    }

    private Pending pending(Kind kind, Candidate candidate, Caller reporter, String key) {
        String itemKey = key == null ? null : kind.bulk() ? key + "#" + candidate.index() : key;
        UUID caseId = candidate.caseId();
        if (caseId == null) {
            caseId = itemKey == null ? UUID.randomUUID() : derived("case", reporter, itemKey, null, candidate.identity());
        }
        UUID eventId = itemKey == null ? UUID.randomUUID()
                : derived("event", reporter, itemKey, caseId, candidate.identity());
        String fingerprint = IdempotencyStore.fingerprint(kind.name(), candidate.opens() ? "-" : caseId.toString(),
                candidate.identity());
        return new Pending(candidate, caseId, eventId, itemKey, fingerprint);
    }

    /**
     * The id a retry of the same request yields: the same organisation, key, case and content. A key reused for
     * another case or another content would yield another id, so even a reuse past the key's retention cannot make
     * the case service drop a different event as a duplicate.
     */
    static UUID derived(String kind, Caller reporter, String idempotencyKey, UUID caseId, String identity) {
        String name = String.join("\n", "homeward", kind, reporter.organisation(), idempotencyKey,
                String.valueOf(caseId), identity);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A candidate with its ids resolved. */
    record Pending(Candidate candidate, UUID caseId, UUID eventId, String itemKey, String fingerprint) {

        /** The event this candidate retracts; null unless it is an EVENT_RETRACTED. */
        UUID retracts() {
            return candidate.submission().data() instanceof EventRetracted retraction ? retraction.eventId() : null;
        }

        CloudEvent<CaseEventData> event(Caller reporter, Clock clock) {
            Submission s = candidate.submission();
            return CloudEvent.caseEvent(eventId, caseId, SOURCE, s.occurredAt(),
                    s.receivedAt() == null ? clock.instant() : s.receivedAt(), reporter.organisation(),
                    reporter.user(), s.data());
        }
    }

    /** What intake answers: the case and the event it stored. */
    public record Accepted(UUID caseId, UUID eventId) {
    }
}
