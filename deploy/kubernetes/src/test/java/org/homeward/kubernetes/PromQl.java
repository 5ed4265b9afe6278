package org.homeward.kubernetes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small PromQL sanity check, enough to catch what breaks rules and dashboards silently: brackets that do not
 * close, quotes that do not end, and the metric names an expression reads (identifiers outside label matchers, range
 * brackets, strings and grouping lists, that are neither a function called nor a keyword).
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan",
            // aggregation operators, which may take their grouping before their parenthesis
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQl() {
    }

    /** What is wrong with {@code expr} (empty when nothing), and the metric names it reads into {@code metrics}. */
    static List<String> check(String expr, Set<String> metrics) {
        List<String> problems = new java.util.ArrayList<>();
        Deque<Character> open = new ArrayDeque<>();
        boolean groupingNext = false;
        int groupingDepth = -1;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                while (end < expr.length() && expr.charAt(end) != c) {
                    end += expr.charAt(end) == '\\' && c != '`' ? 2 : 1;
                }
                if (end >= expr.length()) {
                    problems.add("a string that does not end: " + expr.substring(i));
                    return problems;
                }
                i = end + 1;
            } else if (c == '(' || c == '{' || c == '[') {
                if (c == '(' && groupingNext) {
                    groupingDepth = open.size();
                }
                groupingNext = false;
                open.push(c);
                i++;
            } else if (c == ')' || c == '}' || c == ']') {
                char expected = c == ')' ? '(' : c == '}' ? '{' : '[';
                if (open.isEmpty() || open.pop() != expected) {
                    problems.add("'" + c + "' closes nothing it opened at " + i);
                    return problems;
                }
                if (c == ')' && open.size() == groupingDepth) {
                    groupingDepth = -1;
                }
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end))
                        || expr.charAt(end) == '_' || expr.charAt(end) == ':')) {
                    end++;
                }
                String word = expr.substring(i, end);
                int next = end;
                while (next < expr.length() && expr.charAt(next) == ' ') {
                    next++;
                }
                boolean inLabelsOrRange = !open.isEmpty() && (open.peek() == '{' || open.peek() == '[');
                boolean called = next < expr.length() && expr.charAt(next) == '(';
                if (GROUPING.contains(word)) {
                    groupingNext = true;
                    i = end;
                    continue;
                }
                groupingNext = false;
                if (!inLabelsOrRange && groupingDepth < 0 && !called && !KEYWORDS.contains(word)
                        && !(i > 0 && Character.isDigit(expr.charAt(i - 1)))) {
                    metrics.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        if (!open.isEmpty()) {
            problems.add("'" + open.peek() + "' is never closed");
        }
        return problems;
    }

    /** The metric names {@code expr} reads. */
    static Set<String> metrics(String expr) {
        Set<String> metrics = new TreeSet<>();
        check(expr, metrics);
        return metrics;
    }
}
