package org.homeward.console.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * What a case page shows of its paged parts, from its query: the timeline's page ({@code page}, from 0) and order
 * ({@code order=arrival}, else the order things happened), the page of possible duplicates ({@code duplicatesPage})
 * and of the audit trail ({@code auditPage}). Ids and numbers only: nothing personal is ever in these URLs.
 */
public record CasePageQuery(String caseId, int page, boolean arrival, int duplicatesPage, int auditPage) {

    static final int MAX_PAGE = 100_000;
    public static final String ARRIVAL = "arrival";

    public CasePageQuery {
        page = bounded(page);
        duplicatesPage = bounded(duplicatesPage);
        auditPage = bounded(auditPage);
    }

    /** From the query's values as they came (anything unknown or out of range counts as the default). */
    static CasePageQuery of(String caseId, Integer page, String order, Integer duplicatesPage, Integer auditPage) {
        return new CasePageQuery(caseId, page == null ? 0 : page, ARRIVAL.equals(order),
                duplicatesPage == null ? 0 : duplicatesPage, auditPage == null ? 0 : auditPage);
    }

    /** From the hidden fields of a form ({@code page}, {@code order}), which arrive as text. */
    static CasePageQuery ofForm(String caseId, String page, String order) {
        int p = 0;
        try {
            p = page == null ? 0 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            p = 0;
        }
        return new CasePageQuery(caseId, p, ARRIVAL.equals(order), 0, 0);
    }

    private static int bounded(int page) {
        return page < 0 ? 0 : Math.min(page, MAX_PAGE);
    }

    /** The value of {@code order} to send to the timeline API and keep in forms; empty for the default. */
    public String order() {
        return arrival ? ARRIVAL : "";
    }

    /** The case page with these parts (the language switch returns here). */
    public String path() {
        return href(page, arrival, duplicatesPage, auditPage, null);
    }

    /** Another page of the timeline, in the same order. */
    public String timelineHref(int timelinePage) {
        return href(timelinePage, arrival, duplicatesPage, auditPage, "timeline-heading");
    }

    /** The timeline's first page in the other order (or this one). */
    public String orderHref(boolean byArrival) {
        return href(0, byArrival, duplicatesPage, auditPage, "timeline-heading");
    }

    public String duplicatesHref(int pageOfDuplicates) {
        return href(page, arrival, pageOfDuplicates, auditPage, "duplicates-heading");
    }

    public String auditHref(int pageOfAudit) {
        return href(page, arrival, duplicatesPage, pageOfAudit, "audit-heading");
    }

    private String href(int timelinePage, boolean byArrival, int dup, int audit, String fragment) {
        List<String> query = new ArrayList<>();
        if (timelinePage > 0) {
            query.add("page=" + timelinePage);
        }
        if (byArrival) {
            query.add("order=" + ARRIVAL);
        }
        if (dup > 0) {
            query.add("duplicatesPage=" + dup);
        }
        if (audit > 0) {
            query.add("auditPage=" + audit);
        }
        return "/cases/" + caseId + (query.isEmpty() ? "" : "?" + String.join("&", query))
                + (fragment == null ? "" : "#" + fragment);
    }
}
