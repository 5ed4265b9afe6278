package org.homeward.cases.search.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.lifecycle.api.CaseView;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.support.paging.Page;

/**
 * A page of cases: the fields of every Homeward page ({@code items}, {@code page}, {@code size}, {@code total}), and
 * {@code next}, the cursor of the following page (absent on the last), to pass back as {@code after}.
 */
@Schema(name = "CasePage", description = "A page of cases")
public record CasePage(
        List<CaseView> items,
        @Schema(description = "The page number asked for with `page` (0 when the page follows a cursor)") int page,
        @Schema(description = "Cases per page") int size,
        @Schema(description = "How many cases match across all pages; when `totalExact` is false, at least this"
                + " many (a search counts among the first " + NameIndex.COUNT_LIMIT + " cases with the name's keys)")
        long total,
        @Schema(description = "Whether `total` is the exact number of matches") boolean totalExact,
        @Schema(description = "Pass as `after` for the next page; absent on the last page. Opaque; it holds a"
                + " position in the list, never a name", maxLength = 120)
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

    public CasePage {
        items = List.copyOf(items);
    }

    static CasePage of(Page<CaseView> page, NameIndex.Hits hits) {
        return new CasePage(page.items(), page.page(), page.size(), page.total(), hits.totalExact(), hits.next());
    }
}
