package org.homeward.cases.search.domain;

import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/**
 * Which part of a list of cases to answer: {@code size} cases after a {@link Cursor} (keyset paging, the way to walk a
 * list), or after skipping {@code page × size} cases. Skipping is kept for clients that count pages, and bounded:
 * at most {@link #MAX_SKIPPED} cases are skipped, because every skipped case is read; beyond, the answer is a 422
 * problem naming {@code page} that points to {@code after}.
 */
public record Slice(int page, int size, Cursor after) {

    /** The most cases {@code page} may skip. */
    public static final int MAX_SKIPPED = 1_000;

    /** Validates {@code page}, {@code size} and {@code after} of a list of the given kind; nulls take the defaults. */
    public static Slice of(Integer page, Integer size, String after, char list) {
        PageRequest request = PageRequest.of(page, size);
        Cursor cursor = Cursor.decode(after, list);
        if (cursor != null && request.page() > 0) {
            throw ProblemException.invalid("page", "must not be given with `after`: a cursor says where the page"
                    + " starts");
        }
        if (request.offset() > MAX_SKIPPED) {
            throw ProblemException.invalid("page", "skips at most " + MAX_SKIPPED + " cases (page × size); for"
                    + " later pages pass the `next` of the previous page as `after`");
        }
        return new Slice(request.page(), request.size(), cursor);
    }

    /** How many cases to skip before the page. */
    public int skipped() {
        return page * size;
    }

    /** The same bounds as a {@link PageRequest}, for the views of the page. */
    public PageRequest request() {
        return new PageRequest(page, size);
    }
}
