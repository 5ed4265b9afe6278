package org.homeward.intake.registry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
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

    /** From intake's consumer of case-events: a CASE_OPENED in Kafka means the case exists. Idempotent. */
    @Transactional
    public void learn(CloudEvent<CaseEventData> event) {
        if (event.data() instanceof CaseOpened) {
            String owner = event.reportedby() == null ? "unknown" : event.reportedby();
            if (register(event.caseId(), owner, event.id())) {
                LOG.infof("Case %s registered from case-events (its opening request did not commit)", event.caseId());
            }
        }
    }
}
