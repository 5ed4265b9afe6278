package org.homeward.cases.access.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.cases.audit.persistence.AuditLog;
import org.homeward.support.problem.ProblemException;

/**
 * Who a case is shared with, for the admins of the organisation that owns it: the owner and every organisation a
 * CASE_SHARED granted and no CASE_UNSHARED revoked since, with when and by which event. Only the owner learns its
 * partners: to anyone else (a partner the case is shared with included) the case is as absent as one that does not
 * exist, as in the audit trail. The read is audited like every read of a case.
 */
@ApplicationScoped
public class SharingList {

    /** The owner and the grants, the owner's first. */
    public record Listing(UUID caseId, String owner, List<CaseAccess.Grant> grants) {
    }

    @Inject
    CaseAccess access;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    /** The case's grants; 404 unless the reader's organisation owns the case. */
    @Transactional
    public Listing of(UUID caseId, Reader reader) {
        boolean owns = !em.createNativeQuery("select 1 from cases where case_id = ?1 and owner_organisation = ?2")
                .setParameter(1, caseId).setParameter(2, reader.organisation()).getResultList().isEmpty();
        if (!owns) {
            audit.recordDenied(reader, caseId);
            throw ProblemException.notFound("Case " + caseId);
        }
        if (access.isErased(caseId)) {
            throw CaseAccess.gone(caseId);
        }
        List<CaseAccess.Grant> grants = access.grants(caseId);
        List<CaseAccess.Grant> ordered = new java.util.ArrayList<>(grants.stream()
                .filter(g -> g.organisation().equals(reader.organisation())).toList());
        grants.stream().filter(g -> !g.organisation().equals(reader.organisation())).forEach(ordered::add);
        audit.record(reader, List.of(caseId));
        return new Listing(caseId, reader.organisation(), List.copyOf(ordered));
    }
}
