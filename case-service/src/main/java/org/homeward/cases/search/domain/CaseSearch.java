package org.homeward.cases.search.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.cases.audit.persistence.AuditLog;
import org.homeward.cases.search.domain.NameKeys.NameKey;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.Limits;
import org.homeward.support.problem.ProblemException;

/** Search by name keys, and the possible duplicates of a case. */
@ApplicationScoped
public class CaseSearch {

    @Inject
    NameIndex index;

    @Inject
    CaseAccess access;

    @Inject
    AuditLog audit;

    /**
     * A page of the cases the organisation may see whose names match {@code q} (any spelling), filtered; every case
     * it may see when {@code q} is blank. Starts from the organisation's cases and the name's keys, and reads no
     * further than the page ({@link NameIndex}).
     */
    public NameIndex.Hits find(String q, Category category, CaseState state, Slice slice, String organisation) {
        NameIndex.Hits hits;
        if (q == null || q.isBlank()) {
            hits = index.list(category, state, slice, organisation);
        } else {
            if (q.length() > Limits.NAME) {
                throw ProblemException.invalid("q", "must be at most " + Limits.NAME + " characters");
            }
            Set<NameKey> keys = NameKeys.forQuery(q);
            if (keys.isEmpty()) {
                throw ProblemException.invalid("q", "must contain a name (letters in Hangul or Latin script)");
            }
            hits = index.search(keys, category, state, slice, organisation);
        }
        return hits;
    }

    /**
     * The cases the organisation may see that may be the same person as {@code caseId}, oldest first; 404 when there
     * is no such case or the organisation may not see it (the same answer: no existence leak). Such a refusal is
     * recorded in the audit log.
     */
    public NameIndex.Hits possibleDuplicates(UUID caseId, Slice slice, Reader reader) {
        if (!access.canSee(caseId, reader.organisation())) {
            audit.recordDenied(reader, caseId);
            throw ProblemException.notFound("Case " + caseId);
        }
        if (access.isErased(caseId)) {
            throw CaseAccess.gone(caseId);
        }
        return index.possibleDuplicates(caseId, slice, reader.organisation());
    }
}
