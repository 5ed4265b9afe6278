package org.homeward.intake.registry.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventRetracted;
import org.homeward.events.EventType;
import org.homeward.intake.publishing.CaseEventKeys;
import org.homeward.intake.registry.persistence.CaseRegistration;
import org.jboss.logging.Logger;

/**
 * Which cases exist, so that intake refuses an event for an unknown case at once (404) instead of publishing an
 * event the case service can only reject later.
 *
 * <p>A case is registered in the transaction that waits for Kafka's acknowledgement of its CASE_OPENED (register,
 * publish, await the acknowledgement, commit; a failed publication rolls the registration back). A commit can still
 * fail after the broker acknowledged; intake's own consumer of {@code case-events} then registers the case from the
 * event itself ({@link #learn}), so the registry converges on what Kafka holds.
 *
 * <p>The registry also knows who may report on each case: its owner (the organisation that opened it) and the
 * organisations it is shared with. Shares are learned only from case-events (CASE_SHARED / CASE_UNSHARED, applied in
 * the order Kafka holds the case's events); right after a share is accepted, the new organisation is refused (404)
 * until intake's consumer has read it back, usually within a second.
 *
 * <p>And it knows every event of each case ({@code case_events}): who reported it, its type, and whether a later
 * EVENT_RETRACTED took it back, so that intake refuses a retraction that could never apply. Events, too, are learned
 * only from case-events: an event is known once intake's consumer has read it back, usually within a second of its
 * 202, so a retraction sent a moment after its event may be refused as unknown ({@code unknown-event}) and should be
 * sent again.
 */
@ApplicationScoped
public class CaseRegistry {

    private static final Logger LOG = Logger.getLogger(CaseRegistry.class);

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseEventKeys caseKeys;

    Clock clock = Clock.systemUTC();

    /** The ids among {@code caseIds} that are registered. */
    @SuppressWarnings("unchecked")
    public Set<UUID> existing(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> found = em.createQuery("select c.caseId from CaseRegistration c where c.caseId in :ids")
                .setParameter("ids", new HashSet<>(caseIds))
                .getResultList();
        return Set.copyOf(found);
    }

    /**
     * What intake knows of each event among {@code eventIds}, in one query; an event it has not read from case-events
     * (yet) is absent.
     */
    @SuppressWarnings("unchecked")
    public Map<UUID, KnownEvent> events(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("select event_id, case_id, reported_by, type, retracted_by_event "
                        + "from case_events where event_id in (:ids)")
                .setParameter("ids", new HashSet<>(eventIds))
                .getResultList();
        Map<UUID, KnownEvent> events = new HashMap<>();
        for (Object[] row : rows) {
            KnownEvent event = new KnownEvent((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                    (UUID) row[4]);
            events.put(event.eventId(), event);
        }
        return events;
    }

    public Optional<CaseRegistration> find(UUID caseId) {
        return Optional.ofNullable(em.find(CaseRegistration.class, caseId));
    }

    /**
     * Registers a case in the caller's transaction; true when this call inserted the row (false: it was known). Safe
     * to call again for the same case: the first registration stands.
     */
    public boolean register(UUID caseId, String ownerOrganisation, UUID openedEventId) {
        int inserted = em.createNativeQuery("insert into cases (case_id, owner_organisation, opened_event_id, "
                        + "registered_at) values (?1, ?2, ?3, ?4) on conflict (case_id) do nothing")
                .setParameter(1, caseId)
                .setParameter(2, ownerOrganisation)
                .setParameter(3, openedEventId)
                .setParameter(4, clock.instant())
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * From intake's consumer of case-events: every event is recorded in the event registry; a CASE_OPENED in Kafka
     * means the case exists; a CASE_SHARED or CASE_UNSHARED reported by the case's owner grants or revokes the named
     * organisation's access; an EVENT_RETRACTED marks the event it names retracted. Idempotent, and a replay in
     * Kafka's order ends in the same state.
     */
    public void learn(CloudEvent<CaseEventData> event) {
        if (changesRegistry(event)) {
            QuarkusTransaction.joiningExisting().run(() -> learnInTransaction(event));
        }
        // Every other event leaves the case registry as it is: no transaction, no connection.
    }

    /** The events the case registry learns from: openings, sharing and erasures; one test for both paths. */
    private static boolean changesRegistry(CloudEvent<CaseEventData> event) {
        return event.data() instanceof CaseOpened || event.data() instanceof CaseShared
                || event.data() instanceof CaseUnshared || event.data() instanceof CaseErased;
    }

    /**
     * {@link #learn} for a poll's events together: the openings, sharing events and erasures among them in one
     * transaction, in their order; no transaction when there are none (most polls).
     */
    public void learnAll(List<CloudEvent<CaseEventData>> events) {
        List<CloudEvent<CaseEventData>> relevant = events.stream().filter(CaseRegistry::changesRegistry).toList();
        if (!relevant.isEmpty()) {
            QuarkusTransaction.joiningExisting().run(() -> relevant.forEach(this::learnInTransaction));
        }
    }

    private void learnInTransaction(CloudEvent<CaseEventData> event) {
        if (event.data() instanceof CaseErased) {
            erased(event);
        } else if (event.data() instanceof CaseOpened) {
            String owner = event.reportedby() == null ? "unknown" : event.reportedby();
            if (register(event.caseId(), owner, event.id())) {
                LOG.infof("Case %s registered from case-events (its opening request did not commit)", event.caseId());
            }
        } else if (event.data() instanceof CaseShared || event.data() instanceof CaseUnshared) {
            CaseRegistration registration = em.find(CaseRegistration.class, event.caseId());
            if (registration == null || !registration.ownerOrganisation.equals(event.reportedby())) {
                // Intake publishes sharing events only from the owner's admin; anything else grants nothing.
                LOG.warnf("Sharing event %s of case %s ignored: not reported by the case's owner", event.id(),
                        event.caseId());
                return;
            }
            if (event.data() instanceof CaseShared shared) {
                em.createNativeQuery("insert into case_shares (case_id, organisation, shared_at) values (?1, ?2, ?3) "
                                + "on conflict (case_id, organisation) do nothing")
                        .setParameter(1, event.caseId())
                        .setParameter(2, shared.organisation())
                        .setParameter(3, clock.instant())
                        .executeUpdate();
            } else {
                em.createNativeQuery("delete from case_shares where case_id = ?1 and organisation = ?2")
                        .setParameter(1, event.caseId())
                        .setParameter(2, ((CaseUnshared) event.data()).organisation())
                        .executeUpdate();
            }
        }
    }

    /**
     * A CASE_ERASED read back from case-events, reported by the case's owner (what intake checked before publishing
     * it): the case is marked erased with the first erasure's event id, and its idempotency keys and unsettled
     * publications go (their fingerprints hash what was reported about the person), and so does the case's key
 * ({@link CaseEventKeys#destroy}): what case-events holds of the person no longer opens. A later erasure changes
 * nothing.
     */
    private void erased(CloudEvent<CaseEventData> event) {
        int marked = em.createNativeQuery("update cases set erased_at = ?1, erasure_event_id = ?2 "
                        + "where case_id = ?3 and owner_organisation = ?4 and erased_at is null")
                .setParameter(1, clock.instant()).setParameter(2, event.id()).setParameter(3, event.caseId())
                .setParameter(4, event.reportedby() == null ? "unknown" : event.reportedby())
                .executeUpdate();
        if (marked == 1) {
            em.createNativeQuery("delete from idempotency_keys where case_id = ?1").setParameter(1, event.caseId())
                    .executeUpdate();
            em.createNativeQuery("delete from unsettled_publications where case_id = ?1")
                    .setParameter(1, event.caseId()).executeUpdate();
            caseKeys.destroy(event.caseId());
            LOG.infof("Case %s erased: intake takes no more events for it", event.caseId());
        }
    }

    /** The erasure of a case intake has learned, if its owner erased it: the erasure's event id. */
    public Optional<UUID> erasure(UUID caseId) {
        List<?> rows = em.createNativeQuery("select erasure_event_id from cases where case_id = ?1 "
                + "and erased_at is not null").setParameter(1, caseId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((UUID) rows.get(0));
    }

    /**
     * From intake's consumer of case-events for the event registry ({@code EventRegistryConsumer}, a group of its own
     * so that a new deployment reads the whole topic once and knows every event ever published): records the event,
     * and a retraction marks the event it names. Idempotent.
     */
    public void learnEvent(CloudEvent<CaseEventData> event) {
        if (event.data() instanceof EventRetracted retracted) {
            QuarkusTransaction.joiningExisting().run(() -> {
                record(event);
                retract(event, retracted);
            });
            return;
        }
        // One row, one statement: an autocommitted insert through JDBC, without an ORM or a transaction manager
        // (what record() does, for every event that is not a retraction).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            bind(insert, event, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording event " + event.id() + " failed: " + e.getSQLState(), e);
        }
    }

    /**
     * {@link #learnEvent} for a poll's events together, in one transaction and in their order: each run of events
     * between retractions is recorded with one batched insert, and each retraction is recorded and applied where it
     * stands, so the registry ends exactly as one event at a time would leave it. A failure stores nothing of the poll
     * (the handler then takes the events one at a time).
     */
    public void learnEvents(List<CloudEvent<CaseEventData>> events) {
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(RECORD)) {
                OffsetDateTime learnedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                int pending = 0;
                for (CloudEvent<CaseEventData> event : events) {
                    if (event.data() instanceof EventRetracted retracted) {
                        if (pending > 0) {
                            insert.executeBatch();
                            pending = 0;
                        }
                        record(event);
                        retract(event, retracted);
                    } else {
                        bind(insert, event, learnedAt);
                        insert.addBatch();
                        pending++;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("recording " + events.size() + " events failed: " + e.getSQLState(), e);
            }
        });
    }

    private static void bind(PreparedStatement insert, CloudEvent<CaseEventData> event, OffsetDateTime learnedAt)
            throws SQLException {
        insert.setObject(1, event.id());
        insert.setObject(2, event.caseId());
        insert.setString(3, event.reportedby() == null ? "unknown" : event.reportedby());
        insert.setString(4, event.data().type().name());
        insert.setObject(5, learnedAt);
    }

    private static final String RECORD = "insert into case_events (event_id, case_id, reported_by, type, learned_at) "
            + "values (?, ?, ?, ?, ?) on conflict (event_id) do nothing";

    /** Records one event of case-events in the event registry; a second time changes nothing. */
    private void record(CloudEvent<CaseEventData> event) {
        em.createNativeQuery("insert into case_events (event_id, case_id, reported_by, type, learned_at) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing")
                .setParameter(1, event.id())
                .setParameter(2, event.caseId())
                .setParameter(3, event.reportedby() == null ? "unknown" : event.reportedby())
                .setParameter(4, event.data().type().name())
                .setParameter(5, clock.instant())
                .executeUpdate();
    }

    /**
     * Marks the event a retraction names retracted: only an event of the same case, of a type that may be retracted
     * ({@link KnownEvent#NOT_RETRACTABLE}), not retracted already, and only when the retraction was reported by the event's reporter or the case's owner (what
     * intake checked before publishing it; anything else retracts nothing here).
     */
    private void retract(CloudEvent<CaseEventData> event, EventRetracted retracted) {
        int marked = em.createNativeQuery("update case_events e set retracted_by_event = :retraction "
                        + "where e.event_id = :event and e.case_id = :case and e.retracted_by_event is null "
                        + "and e.type not in (:unretractable) and (e.reported_by = :by or exists (select 1 from cases c "
                        + "where c.case_id = e.case_id and c.owner_organisation = :by))")
                .setParameter("retraction", event.id())
                .setParameter("event", retracted.eventId())
                .setParameter("case", event.caseId())
                .setParameter("unretractable", KnownEvent.NOT_RETRACTABLE.stream().map(Enum::name).toList())
                .setParameter("by", event.reportedby() == null ? "unknown" : event.reportedby())
                .executeUpdate();
        if (marked == 0) {
            KnownEvent target = events(List.of(retracted.eventId())).get(retracted.eventId());
            if (target == null || !event.id().equals(target.retractedBy())) {
                // A replay finds the event marked by this very retraction; anything else is worth a look.
                LOG.warnf("Retraction %s of case %s marked nothing: event %s is unknown, of another case, not "
                        + "retractable, retracted already or not the reporter's to retract", event.id(), event.caseId(),
                        retracted.eventId());
            }
        }
    }

    /**
     * One event of a case as intake knows it: who reported it, its type (an {@link EventType} name) and the
     * EVENT_RETRACTED that took it back, if one did.
     */
    public record KnownEvent(UUID eventId, UUID caseId, String reportedBy, String type, UUID retractedBy) {

        /**
         * The types no EVENT_RETRACTED may take back: a retraction (a retraction is final; report the event again
         * instead), the sharing events, whose effect on access is undone by the opposite sharing event (intake's
         * shares and the case service's would otherwise part ways), and the opening (close the case instead).
         */
        public static final Set<EventType> NOT_RETRACTABLE = Set.of(EventType.EVENT_RETRACTED,
                EventType.CASE_SHARED, EventType.CASE_UNSHARED, EventType.CASE_OPENED);

        /** Its type, or null for a type this build does not know. */
        public EventType eventType() {
            return EventType.fromWireName(type).orElse(null);
        }

        public boolean isRetractable() {
            EventType known = eventType();
            return known != null && !NOT_RETRACTABLE.contains(known);
        }

        public boolean isRetraction() {
            return eventType() == EventType.EVENT_RETRACTED;
        }

        public boolean isRetracted() {
            return retractedBy != null;
        }

        public boolean ofCase(UUID caseId) {
            return this.caseId.equals(caseId);
        }
    }

    /**
     * Who may report on a case: its owner, and the organisations it is shared with; and whether its owner erased it
     * (then nothing more is taken for it).
     */
    public record CaseAccess(String owner, Set<String> sharedWith, boolean erased) {

        public CaseAccess {
            sharedWith = Set.copyOf(sharedWith);
        }

        public CaseAccess(String owner, Set<String> sharedWith) {
            this(owner, sharedWith, false);
        }

        public boolean visibleTo(String organisation) {
            return owner.equals(organisation) || sharedWith.contains(organisation);
        }

        public boolean ownedBy(String organisation) {
            return owner.equals(organisation);
        }
    }
}
