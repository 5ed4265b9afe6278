package org.homeward.support.paging;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a list: {@code page} counts from 0; {@code total} is the number of items across all pages. */
@Schema(description = "A page of results")
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
