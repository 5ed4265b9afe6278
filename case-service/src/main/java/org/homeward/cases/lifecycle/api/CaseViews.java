package org.homeward.cases.lifecycle.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.cases.audit.persistence.AuditLog;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/**
 * Builds the API's views of cases for a reader: one case, its timeline, or a page of them in a given order, each with
 * its duplicate count. Shows only cases the reader's organisation has access to (a case it may not see is "not found",
 * exactly like one that does not exist) and records every case shown in the audit log, in the transaction of the read.
 */
@ApplicationScoped
public class CaseViews {

    @Inject
    EntityManager em;

    @Inject
    NameIndex nameIndex;

    @Inject
    CaseAccess access;

    @Inject
    AuditLog audit;

    @Inject
    PersonalData personalData;

    @Inject
    org.homeward.cases.lifecycle.domain.CaseLedger ledger;

    /** The case, or 404 as a problem when it does not exist or the reader may not see it. */
    @Transactional
    public CaseView one(UUID caseId, Reader reader) {
        requireVisible(caseId, reader);
        CaseRecord record = em.find(CaseRecord.class, caseId);
        if (record == null) {
            throw notFound(caseId);
        }
        CaseView view = view(record, nameIndex.possibleDuplicateCounts(List.of(caseId), reader.organisation())
                .getOrDefault(caseId, 0L));
        audit.record(reader, List.of(caseId)); // last: the audit chain's lock is held from here to the commit
        return view;
    }

    /** The orders a timeline can be read in. */
    public enum TimelineOrder {
        /** As the case is derived: the opening first, then when it happened, then arrival (the default). */
        OCCURRED("case when type = org.homeward.events.EventType.CASE_OPENED then 0 else 1 end, occurredAt, seq"),
        /** As the events arrived. */
        ARRIVAL("seq");

        final String orderBy;

        TimelineOrder(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /** A page of the case's timeline in the given order, or 404 as for {@link #one}. */
    @Transactional
    public Page<TimelineEntryView> timeline(UUID caseId, TimelineOrder order, PageRequest request, Reader reader) {
        requireVisible(caseId, reader);
        List<TimelineEntryView> items = em.createQuery(
                        "from TimelineEntry where caseId = :caseId order by " + order.orderBy, TimelineEntry.class)
                .setParameter("caseId", caseId)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, request.offset()))
                .setMaxResults(request.size())
                .getResultStream().map(this::entry).toList();
        long total = em.createQuery("select count(*) from TimelineEntry where caseId = :caseId", Long.class)
                .setParameter("caseId", caseId).getSingleResult();
        audit.record(reader, List.of(caseId));
        return new Page<>(items, request.page(), request.size(), total);
    }

    /**
     * 404 as a problem unless the reader's organisation may see the case (which then exists); a refusal is recorded in
     * the audit log (a foreign or an unknown case alike: the record keeps the id, the caller learns nothing). 410 for
     * an erased case the reader may see: nothing of it is shown, so nothing is recorded as read.
     */
    public void requireVisible(UUID caseId, Reader reader) {
        if (!access.canSee(caseId, reader.organisation())) {
            audit.recordDenied(reader, caseId);
            throw notFound(caseId);
        }
        if (access.isErased(caseId)) {
            throw CaseAccess.gone(caseId);
        }
    }

    /** The one answer for a case that does not exist and for a case the caller may not see: no existence leak. */
    public static ProblemException notFound(UUID caseId) {
        return ProblemException.notFound("Case " + caseId);
    }

    /** A page of the views of these hits (found among the cases the reader may see), in their order; each audited. */
    @Transactional
    public Page<CaseView> page(NameIndex.Hits hits, PageRequest request, Reader reader) {
        List<CaseView> items = inOrder(hits.caseIds(), reader.organisation());
        audit.record(reader, items.stream().map(CaseView::caseId).toList());
        return new Page<>(items, request.page(), request.size(), hits.total());
    }

    /** The views of those of these cases the organisation may see, in this order. */
    private List<CaseView> inOrder(Collection<UUID> caseIds, String organisation) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        // Checked again here, in the transaction that reads the cases: access revoked since the search hides them.
        Set<UUID> visible = access.visible(caseIds, organisation);
        List<UUID> shown = caseIds.stream().filter(visible::contains).toList();
        if (shown.isEmpty()) {
            return List.of();
        }
        Map<UUID, CaseRecord> records = em.createQuery("from CaseRecord where caseId in :ids", CaseRecord.class)
                .setParameter("ids", shown).getResultStream()
                .collect(Collectors.toMap(r -> r.caseId, Function.identity()));
        Map<UUID, Long> duplicates = nameIndex.possibleDuplicateCounts(shown, organisation);
        // An erased case is in no list; this leaves out one erased after the list was read.
        return shown.stream().map(records::get).filter(Objects::nonNull)
                .filter(r -> r.state != org.homeward.events.CaseState.ERASED).map(r -> view(r, duplicates.getOrDefault(r.caseId, 0L))).toList();
    }

    /** The view of one timeline entry, its fields opened. */
    public TimelineEntryView entry(TimelineEntry entry) {
        return TimelineEntryView.of(entry, personalData.open(entry.caseId, entry.data, PersonalData.timelineData(entry.eventId)),
                ledger.reason(entry), personalData.open(entry.caseId, entry.retractionReason,
                        PersonalData.retractionReason(entry.eventId)));
    }

    private CaseView view(CaseRecord record, long possibleDuplicates) {
        return CaseView.of(record, personalData.open(record.caseId, record.person, PersonalData.person(record.caseId)),
                personalData.open(record.caseId, record.placeTaken, PersonalData.placeTaken(record.caseId)),
                personalData.openDate(record.dateTaken, PersonalData.dateTaken(record.caseId)),
                personalData.openDate(record.vitalStatusDate, PersonalData.vitalStatusDate(record.caseId)),
                ledger.claims(record), ledger.conflicts(record), possibleDuplicates);
    }
}
