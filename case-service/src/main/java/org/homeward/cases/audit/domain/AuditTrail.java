package org.homeward.cases.audit.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.homeward.cases.audit.persistence.AuditLog;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/**
 * What an organisation's admins may read of the audit log: the records about the cases their organisation owns, who
 * ever read them (their own staff and the partners the case was shared with).
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    AuditLog log;

    @Inject
    EntityManager em;

    /**
     * The records about the owner's cases, newest first; only those of {@code caseId} when it is given, which answers
     * 404 unless the organisation owns the case (the same answer as for a case that does not exist).
     */
    @Transactional
    public AuditLog.Entries of(Reader admin, UUID caseId, PageRequest page) {
        String owner = admin.organisation();
        if (caseId != null && em.createNativeQuery("select 1 from cases where case_id = ?1 and owner_organisation = ?2")
                .setParameter(1, caseId).setParameter(2, owner).getResultList().isEmpty()) {
            log.recordDenied(admin, caseId);
            throw ProblemException.notFound("Case " + caseId);
        }
        return log.about(owner, caseId, page);
    }

    /** Checks the whole audit chain (every organisation's records): the first broken link, or the intact head. */
    public Verification verify() {
        return log.verify();
    }
}
