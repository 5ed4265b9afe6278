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
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

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

    /**
     * One organisation's access as stored: when the case service granted it, and the event that did (its id, type and
     * when it happened; all null for an owner granted before events were kept in the timeline).
     */
    public record Grant(String organisation, Instant grantedAt, UUID eventId, String eventType, Instant occurredAt) {
    }

    /** Every organisation with access to the case and the grant behind it, in the order they were granted. */
    public List<Grant> grants(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.organisation, a.granted_at, a.granted_by_event, t.type,"
                        + " t.occurred_at from case_access a left join timeline_entries t on t.event_id ="
                        + " a.granted_by_event where a.case_id = ?1 order by a.granted_at, a.organisation")
                .setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new Grant((String) r[0], instant(r[1]), (UUID) r[2], (String) r[3],
                instant(r[4]))).toList();
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }

    /** True when the organisation may see the case; false as well when there is no such case. */
    public boolean canSee(UUID caseId, String organisation) {
        return !em.createNativeQuery("select 1 from case_access where case_id = ?1 and organisation = ?2")
                .setParameter(1, caseId).setParameter(2, organisation).getResultList().isEmpty();
    }

    /** True when the case was erased (CASE_ERASED): it is shown to no one any more. */
    public boolean isErased(UUID caseId) {
        return !em.createNativeQuery("select 1 from cases where case_id = ?1 and state = 'ERASED'")
                .setParameter(1, caseId).getResultList().isEmpty();
    }

    /**
     * The answer to every read of an erased case by an organisation that may see it: 410 Gone. Nothing of the person
     * can be shown (the case's key is destroyed); an organisation that may not see the case still gets the 404 of an
     * unknown case.
     */
    public static ProblemException gone(UUID caseId) {
        return ProblemException.of(ProblemType.CASE_ERASED, "Case " + caseId + " was erased by its owner; nothing of "
                + "it can be shown");
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
