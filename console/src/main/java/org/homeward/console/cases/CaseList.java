package org.homeward.console.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A page of the case service's case list or search ({@code GET /api/v1/cases}): its cases, how many match
 * ({@code total}, exact unless {@code totalExact} is false: then at least that many), and {@code next}, the cursor of
 * the following page (null on the last). The cursor holds a position in the list, never a name, so it may go in a
 * URL; {@code number} is the page's number from 1, carried by the console's own links for display.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseList(List<CaseView> items, int size, long total, Boolean totalExact, String next, int number) {

    public CaseList {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The same page, numbered from 1 for people. */
    CaseList numbered(int pageNumber) {
        return new CaseList(items, size, total, totalExact, next, pageNumber);
    }

    /** Whether {@code total} is exact (older answers without the field always were). */
    public boolean exact() {
        return totalExact == null || totalExact;
    }

    public boolean hasNext() {
        return next != null && !next.isEmpty();
    }

    /** Whether there are pages before this one (the first page is one link away). */
    public boolean hasPrevious() {
        return number > 1;
    }

    public int nextNumber() {
        return number + 1;
    }

    /** Pages in all (at least one), when the total is exact. */
    public long pages() {
        return size <= 0 ? 1 : Math.max(1, (total + size - 1) / size);
    }

    @Override
    public String toString() {
        return "CaseList[number=" + number + ", size=" + size + ", total=" + total + ", items=" + items.size() + "]";
    }
}
