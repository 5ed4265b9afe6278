package org.homeward.cases.search.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.homeward.cases.search.domain.NameKeys.NameKey;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.Limits;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/** Search by name keys, and the possible duplicates of a case. */
@ApplicationScoped
public class CaseSearch {

    @Inject
    NameIndex index;


    /** Cases whose names match {@code q} (any spelling), filtered; every case when {@code q} is blank. */
    public NameIndex.Hits find(String q, Category category, CaseState state, PageRequest page) {
        NameIndex.Hits hits;
        if (q == null || q.isBlank()) {
            hits = index.list(category, state, page);
        } else {
            if (q.length() > Limits.NAME) {
                throw ProblemException.invalid("q", "must be at most " + Limits.NAME + " characters");
            }
            Set<NameKey> keys = NameKeys.forQuery(q);
            if (keys.isEmpty()) {
                throw ProblemException.invalid("q", "must contain a name (letters in Hangul or Latin script)");
            }
            hits = index.search(keys, category, state, page);
        }
        return hits;
    }

    /** The cases that may be the same person as {@code caseId}, oldest first; 404 when there is no such case. */
    public NameIndex.Hits possibleDuplicates(UUID caseId, PageRequest page) {
        if (!index.exists(caseId)) {
            throw ProblemException.notFound("Case " + caseId);
        }
        return index.possibleDuplicates(caseId, page);
    }
}
