package org.homeward.console.statistics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * case-service's {@code GET /api/v1/statistics}: counts only (no names, no case ids), overall and per category.
 * {@code byYearTaken} is not sent by case-service today; it is read if a later version sends it (year → count).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseStatistics(long total, Map<String, Long> byState, Map<String, Long> byAgeGroupWhenTaken,
        List<CategoryFigures> byCategory, Map<String, Long> byYearTaken, Instant asOf) {

    public CaseStatistics {
        byState = byState == null ? Map.of() : new LinkedHashMap<>(byState);
        byAgeGroupWhenTaken = byAgeGroupWhenTaken == null ? Map.of() : new LinkedHashMap<>(byAgeGroupWhenTaken);
        byCategory = byCategory == null ? List.of() : List.copyOf(byCategory);
        byYearTaken = byYearTaken == null ? null : new LinkedHashMap<>(byYearTaken);
    }

    /** The figures of one category. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryFigures(String category, long total) {
    }

    public boolean hasYearTaken() {
        return byYearTaken != null;
    }
}
