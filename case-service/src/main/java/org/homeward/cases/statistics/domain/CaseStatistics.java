package org.homeward.cases.statistics.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.cases.statistics.persistence.CaseCounts;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/**
 * The figures a documentation project publishes: how many cases, by category and state, by age group when taken and
 * by year taken. Every category, state and age group appears, with zero where there is none, so that tables line up;
 * the years present appear in order, then "unknown".
 */
@ApplicationScoped
public class CaseStatistics {

    @Inject
    CaseCounts counts;

    Clock clock = Clock.systemUTC();

    /** Counts in one category, or across all. */
    public record Figures(long total, Map<CaseState, Long> byState, Map<String, Long> byAgeGroupWhenTaken) {
    }

    /** Figures of one category. */
    public record CategoryFigures(Category category, long total, Map<CaseState, Long> byState,
            Map<String, Long> byAgeGroupWhenTaken) {
    }

    /** All figures: overall and per category. */
    public record Statistics(long total, Map<CaseState, Long> byState, Map<String, Long> byAgeGroupWhenTaken,
            List<CategoryFigures> byCategory, Map<String, Long> byYearTaken, java.time.Instant asOf) {
    }

    /** The figures of every case the organisation may see, or of one category when {@code only} is not null. */
    public Statistics compute(Category only, String organisation) {
        Map<Category, Tally> perCategory = new EnumMap<>(Category.class);
        Tally overall = new Tally();
        for (Category category : Category.values()) {
            if (only == null || only == category) {
                perCategory.put(category, new Tally());
            }
        }
        java.util.TreeMap<Integer, Long> years = new java.util.TreeMap<>();
        long yearUnknown = 0;
        for (CaseCounts.Row row : counts.byCategoryStateAndAge(only, organisation)) {
            String group = row.ageGroupWhenTaken() == null ? AgeGroup.UNKNOWN : row.ageGroupWhenTaken();
            overall.add(row.state(), group, row.count());
            if (row.yearTaken() == null) {
                yearUnknown += row.count();
            } else {
                years.merge(row.yearTaken(), row.count(), Long::sum);
            }
            perCategory.computeIfAbsent(row.category(), c -> new Tally()).add(row.state(), group, row.count());
        }
        List<CategoryFigures> categories = new ArrayList<>();
        perCategory.forEach((category, tally) -> categories.add(
                new CategoryFigures(category, tally.total, tally.byState, tally.byAge)));
        Map<String, Long> byYear = new LinkedHashMap<>();
        years.forEach((year, count) -> byYear.put(Integer.toString(year), count));
        byYear.put(AgeGroup.UNKNOWN, yearUnknown);
        return new Statistics(overall.total, overall.byState, overall.byAge, categories, byYear, clock.instant());
    }

    /** Running counts, every key present from the start. */
    private static final class Tally {
        long total;
        final Map<CaseState, Long> byState = new EnumMap<>(CaseState.class);
        final Map<String, Long> byAge = new LinkedHashMap<>();

        Tally() {
            for (CaseState state : CaseState.values()) {
                byState.put(state, 0L);
            }
            for (String group : AgeGroup.all()) {
                byAge.put(group, 0L);
            }
        }

        void add(CaseState state, String ageGroup, long count) {
            total += count;
            byState.merge(state, count, Long::sum);
            byAge.merge(ageGroup, count, Long::sum);
        }
    }
}
