package org.homeward.cases.lifecycle.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/** Builds the API's views of cases: one, or a page of them in a given order, each with its duplicate count. */
@ApplicationScoped
public class CaseViews {

    @Inject
    EntityManager em;

    @Inject
    NameIndex nameIndex;

    @Inject
    PersonalData personalData;

    /** The case, or 404 as a problem. */
    public CaseView one(UUID caseId) {
        CaseRecord record = em.find(CaseRecord.class, caseId);
        if (record == null) {
            throw ProblemException.notFound("Case " + caseId);
        }
        return view(record, nameIndex.possibleDuplicateCounts(List.of(caseId)).getOrDefault(caseId, 0L));
    }

    /** True when the case exists. */
    public boolean exists(UUID caseId) {
        return em.find(CaseRecord.class, caseId) != null;
    }

    /** A page of the views of these hits, in their order. */
    public Page<CaseView> page(NameIndex.Hits hits, PageRequest request) {
        return new Page<>(inOrder(hits.caseIds()), request.page(), request.size(), hits.total());
    }

    /** The views of these cases, in this order. */
    public List<CaseView> inOrder(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, CaseRecord> records = em.createQuery("from CaseRecord where caseId in :ids", CaseRecord.class)
                .setParameter("ids", List.copyOf(caseIds)).getResultStream()
                .collect(Collectors.toMap(r -> r.caseId, Function.identity()));
        Map<UUID, Long> duplicates = nameIndex.possibleDuplicateCounts(caseIds);
        return caseIds.stream().map(records::get).filter(Objects::nonNull)
                .map(r -> view(r, duplicates.getOrDefault(r.caseId, 0L))).toList();
    }

    /** The view of one timeline entry, its fields opened. */
    public TimelineEntryView entry(TimelineEntry entry) {
        return TimelineEntryView.of(entry, personalData.open(entry.data, PersonalData.timelineData(entry.eventId)));
    }

    private CaseView view(CaseRecord record, long possibleDuplicates) {
        return CaseView.of(record, personalData.open(record.person, PersonalData.person(record.caseId)),
                personalData.open(record.placeTaken, PersonalData.placeTaken(record.caseId)), possibleDuplicates);
    }
}
