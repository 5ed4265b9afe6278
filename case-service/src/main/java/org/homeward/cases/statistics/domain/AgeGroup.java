package org.homeward.cases.statistics.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Age groups when taken, as documentation projects publish them: "under 10", "10s", "20s", … "90s", "100 and over",
 * and "unknown" when the birth year or the date taken is missing. The age is in whole years, the year taken minus the
 * birth year (so it may be one year more than the exact age).
 */
public final class AgeGroup {

    public static final String UNKNOWN = "unknown";
    public static final String UNDER_10 = "under 10";
    public static final String HUNDRED_AND_OVER = "100 and over";

    private AgeGroup() {
    }

    /** Every group, in order. */
    public static List<String> all() {
        List<String> groups = new ArrayList<>();
        groups.add(UNDER_10);
        for (int decade = 10; decade < 100; decade += 10) {
            groups.add(decade + "s");
        }
        groups.add(HUNDRED_AND_OVER);
        groups.add(UNKNOWN);
        return groups;
    }

    /** The group of an age in whole years; null or negative is unknown. */
    public static String of(Integer age) {
        if (age == null || age < 0) {
            return UNKNOWN;
        }
        if (age < 10) {
            return UNDER_10;
        }
        if (age >= 100) {
            return HUNDRED_AND_OVER;
        }
        return (age / 10 * 10) + "s";
    }
}
