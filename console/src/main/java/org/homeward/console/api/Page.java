package org.homeward.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A page of items as every Homeward API answers one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static <T> Page<T> empty(int size) {
        return new Page<>(List.of(), 0, size, 0);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int previous() {
        return Math.max(0, page - 1);
    }

    public int next() {
        return page + 1;
    }

    /** The page's number from 1, for people. */
    public int number() {
        return page + 1;
    }

    /** Pages in all (at least one). */
    public long pages() {
        return size <= 0 ? 1 : Math.max(1, (total + size - 1) / size);
    }

    @Override
    public String toString() {
        return "Page[page=" + page + ", size=" + size + ", total=" + total + ", items=" + items.size() + "]";
    }
}
