package org.homeward.intake.registry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.CloudEvent;
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
 */
@ApplicationScoped
public class CaseRegistry {

    private static final Logger LOG = Logger.getLogger(CaseRegistry.class);

    @Inject
    EntityManager em;

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

    /** Who may report on each registered case among {@code caseIds}; a case that is not registered is absent. */
    @SuppressWarnings("unchecked")
    public Map<UUID, CaseAccess> access(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        Set<UUID> ids = new HashSet<>(caseIds);
        List<Object[]> owners = em.createQuery("select c.caseId, c.ownerOrganisation from CaseRegistration c "
                        + "where c.caseId in :ids")
                .setParameter("ids", ids)
                .getResultList();
        Map<UUID, Set<String>> shares = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("select case_id, organisation from case_shares "
                        + "where case_id in (:ids)")
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] row : rows) {
            shares.computeIfAbsent((UUID) row[0], k -> new HashSet<>()).add((String) row[1]);
        }
        Map<UUID, CaseAccess> access = new HashMap<>();
        for (Object[] row : owners) {
            UUID id = (UUID) row[0];
            access.put(id, new CaseAccess((String) row[1], shares.getOrDefault(id, Set.of())));
        }
        return access;
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

    /** Takes back a registration this transaction made for an opening Kafka did not acknowledge. */
    public void forget(UUID caseId, UUID openedEventId) {
        em.createNativeQuery("delete from cases where case_id = ?1 and opened_event_id = ?2")
                .setParameter(1, caseId)
                .setParameter(2, openedEventId)
                .executeUpdate();
    }

    /**
     * From intake's consumer of case-events: a CASE_OPENED in Kafka means the case exists; a CASE_SHARED or
     * CASE_UNSHARED reported by the case's owner grants or revokes the named organisation's access. Idempotent, and
     * a replay in Kafka's order ends in the same state.
     */
    @Transactional
    public void learn(CloudEvent<CaseEventData> event) {
        if (event.data() instanceof CaseOpened) {
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

    /** Who may report on a case: its owner, and the organisations it is shared with. */
    public record CaseAccess(String owner, Set<String> sharedWith) {

        public CaseAccess {
            sharedWith = Set.copyOf(sharedWith);
        }

        public boolean visibleTo(String organisation) {
            return owner.equals(organisation) || sharedWith.contains(organisation);
        }

        public boolean ownedBy(String organisation) {
            return owner.equals(organisation);
        }
    }
}
