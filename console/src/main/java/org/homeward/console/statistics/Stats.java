package org.homeward.console.statistics;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string of the statistics page, English by default; Korean in {@code messages/stats_ko.properties}
 * ({@code StatsMessagesTest} checks that every message has a Korean translation). Templates use them as
 * {@code {stats:key}}; categories and states keep their labels of the console's main bundle.
 */
@MessageBundle(value = "stats", locale = "en")
public interface Stats {

    @Message("Statistics")
    String title();

    @Message("Counts of the cases your organisation may see: those it owns and those shared with it. Counts only: no names, no case ids.")
    String intro();

    @Message("Figures as of {date}.")
    String as_of(String date);

    @Message("Cases in all: {total}")
    String total(String total);

    @Message("Only one category")
    String filter_heading();

    @Message("Category")
    String filter_category();

    @Message("All categories")
    String filter_all();

    @Message("Show")
    String filter_submit();

    @Message("Show all categories")
    String filter_clear();

    @Message("Showing the category: {category}")
    String filtered(String category);

    @Message("Cases by category")
    String chart_byCategory();

    @Message("Cases by state")
    String chart_byState();

    @Message("Cases by age when taken")
    String chart_byAgeGroup();

    @Message("Cases by year taken")
    String chart_byYearTaken();

    @Message("Bar chart of {total} cases. The numbers behind it are in the table that follows.")
    String chart_description(String total);

    @Message("The numbers behind this chart")
    String show_numbers();

    @Message("Code")
    String col_code();

    @Message("Category")
    String col_category();

    @Message("State")
    String col_state();

    @Message("Age when taken")
    String col_ageGroup();

    @Message("Year taken")
    String col_yearTaken();

    @Message("Cases")
    String col_cases();

    @Message("Share")
    String col_share();

    @Message("Total")
    String row_total();

    @Message("Download as CSV")
    String download_csv();

    @Message("The age is the year taken minus the birth year; it is unknown when either is missing.")
    String age_hint();

    @Message("Figures by year taken are not available yet: the case service does not count them.")
    String year_taken_unavailable();

    @Message("Statistics are for caseworkers: your roles do not include caseworker.")
    String not_caseworker();

    // Age groups when taken, as the case service names them ("under 10", "10s" ... "100 and over", "unknown")
    @Message("Under 10")
    String age_under_10();

    @Message("10–19")
    String age_10s();

    @Message("20–29")
    String age_20s();

    @Message("30–39")
    String age_30s();

    @Message("40–49")
    String age_40s();

    @Message("50–59")
    String age_50s();

    @Message("60–69")
    String age_60s();

    @Message("70–79")
    String age_70s();

    @Message("80–89")
    String age_80s();

    @Message("90–99")
    String age_90s();

    @Message("100 and over")
    String age_100_and_over();

    @Message("Unknown")
    String age_unknown();
}
