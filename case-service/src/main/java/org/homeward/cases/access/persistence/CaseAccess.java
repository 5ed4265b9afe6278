package org.homeward.cases.access.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The table {@code case_access}: which organisations may see which case. Written only in the transaction of the event
 * that grants or revokes (CaseLedger); read by every query that shows cases, through {@link #visibleTo}.
 */
@ApplicationScoped
public class CaseAccess {

    /** The named parameter {@link #visibleTo} binds: the caller's organisation. */
    public static final String ORGANISATION = "accessOrganisation";

    @Inject
    EntityManager em;

    /**
     * A SQL condition, true when the caller's organisation (bind {@link #ORGANISATION}) has access to the case whose id
     * is in {@code caseIdColumn}. Served by the primary key of case_access; planners turn it into a semi-join.
     */
    public static String visibleTo(String caseIdColumn) {
        return "exists (select 1 from case_access a where a.case_id = " + caseIdColumn
                + " and a.organisation = :" + ORGANISATION + ")";
    }

    /** The organisations with access to the case (its owner among them once it is open). */
    public Set<String> organisations(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select organisation from case_access where case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return new TreeSet<>(rows);
    }

    /** True when the organisation may see the case; false as well when there is no such case. */
    public boolean canSee(UUID caseId, String organisation) {
        return !em.createNativeQuery("select 1 from case_access where case_id = ?1 and organisation = ?2")
                .setParameter(1, caseId).setParameter(2, organisation).getResultList().isEmpty();
    }

    /** Those of these cases the organisation may see. */
    public Set<UUID> visible(Collection<UUID> caseIds, String organisation) {
        if (caseIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery(
                        "select case_id from case_access where organisation = :organisation and case_id in (:ids)")
                .setParameter("organisation", organisation).setParameter("ids", List.copyOf(caseIds))
                .getResultList();
        return Set.copyOf(rows);
    }

    /** Grants access; a grant that exists already keeps the event that first made it. */
    public void grant(UUID caseId, String organisation, UUID eventId, Instant at) {
        em.createNativeQuery("insert into case_access (case_id, organisation, granted_by_event, granted_at)"
                        + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, caseId).setParameter(2, organisation).setParameter(3, eventId).setParameter(4, at)
                .executeUpdate();
    }

    /** Revokes access. */
    public void revoke(UUID caseId, String organisation) {
        em.createNativeQuery("delete from case_access where case_id = ?1 and organisation = ?2")
                .setParameter(1, caseId).setParameter(2, organisation).executeUpdate();
    }
}
