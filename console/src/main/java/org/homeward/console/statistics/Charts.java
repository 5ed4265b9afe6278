package org.homeward.console.statistics;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.homeward.console.cases.CasesResource;
import org.homeward.console.i18n.Labels;

/**
 * Turns case-service's statistics into the page's bar charts and their CSV files, in the request's language. Keys
 * come in a fixed order (categories and states as the console lists them, age groups youngest first, years
 * ascending); a key this version does not know is appended and shown as it came.
 */
public final class Charts {

    public static final String BY_CATEGORY = "byCategory";
    public static final String BY_STATE = "byState";
    public static final String BY_AGE_GROUP = "byAgeGroup";
    public static final String BY_YEAR_TAKEN = "byYearTaken";
    /** Age groups when taken as case-service names them, youngest first. */
    public static final List<String> AGE_GROUPS = List.of("under 10", "10s", "20s", "30s", "40s", "50s", "60s",
            "70s", "80s", "90s", "100 and over", "unknown");

    private final Labels l;
    private final Stats stats;
    private final String category;

    /** @param category the category the figures are limited to, or null */
    public Charts(Labels l, Stats stats, String category) {
        this.l = l;
        this.stats = stats;
        this.category = category;
    }

    /** The charts the statistics have, in the page's order. */
    public List<Chart> all(CaseStatistics s) {
        List<Chart> charts = new ArrayList<>();
        for (String id : List.of(BY_CATEGORY, BY_STATE, BY_AGE_GROUP, BY_YEAR_TAKEN)) {
            chart(id, s).ifPresent(charts::add);
        }
        return charts;
    }

    /** One chart by its id; empty for an unknown id, or by year taken when the statistics do not have it. */
    public Optional<Chart> chart(String id, CaseStatistics s) {
        if (id == null) {
            return Optional.empty();
        }
        return switch (id) {
            case BY_CATEGORY -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                s.byCategory().forEach(c -> counts.merge(c.category(), c.total(), Long::sum));
                yield Optional.of(build(id, stats.chart_byCategory(), stats.col_category(),
                        ordered(counts, category == null ? CasesResource.CATEGORIES : List.of(category)),
                        l::category));
            }
            case BY_STATE -> Optional.of(build(id, stats.chart_byState(), stats.col_state(),
                    ordered(s.byState(), CasesResource.STATES), l::state));
            case BY_AGE_GROUP -> Optional.of(build(id, stats.chart_byAgeGroup(), stats.col_ageGroup(),
                    ordered(s.byAgeGroupWhenTaken(), AGE_GROUPS), this::ageGroup));
            case BY_YEAR_TAKEN -> s.hasYearTaken() ? Optional.of(build(id, stats.chart_byYearTaken(),
                    stats.col_yearTaken(), ordered(s.byYearTaken(), s.byYearTaken().keySet().stream()
                            .sorted().toList()), year -> year)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The label of an age group ({@code "20s"} → "20–29"); a group this version does not know as it came. */
    public String ageGroup(String group) {
        if (group == null) {
            return "";
        }
        return switch (group) {
            case "under 10" -> stats.age_under_10();
            case "10s" -> stats.age_10s();
            case "20s" -> stats.age_20s();
            case "30s" -> stats.age_30s();
            case "40s" -> stats.age_40s();
            case "50s" -> stats.age_50s();
            case "60s" -> stats.age_60s();
            case "70s" -> stats.age_70s();
            case "80s" -> stats.age_80s();
            case "90s" -> stats.age_90s();
            case "100 and over" -> stats.age_100_and_over();
            case "unknown" -> stats.age_unknown();
            default -> group;
        };
    }

    /**
     * The chart as CSV (RFC 4180: CRLF, quoted where needed): a header row (code, label, cases) and a row a bar.
     * Counts are plain integers; labels in the request's language.
     */
    public String csv(Chart chart) {
        StringBuilder csv = new StringBuilder();
        row(csv, stats.col_code(), chart.keyHeader(), stats.col_cases());
        for (Chart.Bar bar : chart.bars()) {
            row(csv, bar.key(), bar.label(), Long.toString(bar.value()));
        }
        return csv.toString();
    }

    /** The CSV file's name: {@code homeward-statistics-byState[-CATEGORY].csv}. */
    public String filename(Chart chart) {
        return "homeward-statistics-" + chart.id() + (category == null ? "" : "-" + category) + ".csv";
    }

    private Chart build(String id, String title, String keyHeader, Map<String, Long> counts,
            Function<String, String> label) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        NumberFormat percent = NumberFormat.getPercentInstance(l.locale());
        percent.setMaximumFractionDigits(1);
        List<Chart.Bar> bars = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            long value = e.getValue() == null ? 0 : e.getValue();
            int width = max == 0 ? 0 : (int) Math.round((double) value * Chart.BAR_MAX / max);
            if (value > 0 && width == 0) {
                width = 1;
            }
            bars.add(new Chart.Bar(e.getKey(), label.apply(e.getKey()), value, l.number(value),
                    percent.format(total == 0 ? 0 : (double) value / total), index++, width));
        }
        String href = "/statistics.csv?chart=" + id + (category == null ? "" : "&category=" + category);
        return new Chart(id, title, stats.chart_description(l.number(total)), keyHeader, bars, total,
                l.number(total), href);
    }

    /** The counts in the given order of keys (missing ones as 0), then any other key as it came. */
    static Map<String, Long> ordered(Map<String, Long> counts, List<String> order) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        order.forEach(key -> ordered.put(key, counts.getOrDefault(key, 0L)));
        counts.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    /** A cell, quoted when it holds a comma, quote or line break; text a spreadsheet would run as a formula is
     *  prefixed with an apostrophe. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
