package org.homeward.console.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report form as the case page shows it: the values typed (kept when the report is refused), each field's error
 * next to it (keys as in {@link EventForms}: {@code type}, {@code occurredAt}, {@code TYPE.field}), and a general
 * failure. Holds what was typed: {@link #toString()} prints the keys only.
 */
public record ReportForm(Map<String, String> values, Map<String, String> errors, String failure) {

    public ReportForm {
        values = values == null ? Map.of() : Map.copyOf(values);
        errors = errors == null ? Map.of() : new LinkedHashMap<>(errors);
    }

    public static ReportForm empty() {
        return new ReportForm(Map.of(), Map.of(), null);
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    public String type() {
        return value("type");
    }

    public boolean selected(String type) {
        return type.equals(value("type"));
    }

    public boolean is(String key, String option) {
        return option.equals(value(key));
    }

    public String field(String type, String field) {
        return value(EventForms.key(type, field));
    }

    public boolean fieldIs(String type, String field, String option) {
        return option.equals(field(type, field));
    }

    public String fieldError(String type, String field) {
        return error(EventForms.key(type, field));
    }

    public boolean hasFieldError(String type, String field) {
        return hasError(EventForms.key(type, field));
    }

    public String error(String key) {
        return errors.getOrDefault(key, "");
    }

    public boolean hasError(String key) {
        return errors.containsKey(key);
    }

    public boolean failed() {
        return failure != null || !errors.isEmpty();
    }

    /** Errors no field of the form shows (a pointer the form does not have). */
    public List<String> otherErrors() {
        return errors.entrySet().stream().filter(e -> e.getKey().startsWith("#")).map(Map.Entry::getValue).toList();
    }

    @Override
    public String toString() {
        return "ReportForm[fields=" + values.keySet() + ", errors=" + errors.keySet() + "]";
    }
}
