package org.homeward.console.statistics;

import java.util.List;

/**
 * One bar chart as the statistics page draws it in inline SVG (no script, no inline style: geometry as SVG
 * attributes, colours from classes of console.css), with the numbers behind it.
 *
 * @param id          {@code byCategory}, {@code byState}, {@code byAgeGroup} or {@code byYearTaken}: the page's ids
 *                    ({@code #chart-byState}, {@code #table-byState}, {@code #csv-byState}) and the CSV's
 *                    {@code chart} parameter
 * @param title       the chart's accessible name and heading
 * @param description what the chart is, for assistive technology
 * @param keyHeader   the heading of the first column of its table (category, state, age group, year)
 * @param csvHref     where its CSV is downloaded
 */
public record Chart(String id, String title, String description, String keyHeader, List<Bar> bars, long total,
        String formattedTotal, String csvHref) {

    /** Left of the bars: the labels, right-aligned at {@link #LABEL_X}. */
    public static final int LABEL_X = 262;
    public static final int BAR_X = 270;
    public static final int BAR_MAX = 380;
    public static final int WIDTH = 740;
    static final int TOP = 6;
    static final int ROW = 30;
    static final int BAR_HEIGHT = 20;

    public Chart {
        bars = List.copyOf(bars);
    }

    /** One bar: its key as the API sends it, its label, its count, and where it is drawn. */
    public record Bar(String key, String label, long value, String formatted, String share, int index,
            int width) {

        public int y() {
            return TOP + index * ROW;
        }

        /** The baseline of the label and value texts, centred on the bar. */
        public int textY() {
            return y() + BAR_HEIGHT - 5;
        }

        public int height() {
            return BAR_HEIGHT;
        }

        public int valueX() {
            return BAR_X + width + 6;
        }
    }

    public int height() {
        return TOP * 2 + Math.max(1, bars.size()) * ROW;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + height();
    }

    public int width() {
        return WIDTH;
    }

    public int labelX() {
        return LABEL_X;
    }

    public int barX() {
        return BAR_X;
    }

    public boolean empty() {
        return total == 0;
    }
}
