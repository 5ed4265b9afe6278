package org.homeward.console.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.console.api.Problem;

/**
 * The form that opens a case, read into intake's {@code POST /api/v1/cases} body (the CASE_OPENED event): category,
 * the person (Hangul name, romanised names one a line, birth year, sex, place of origin), where and when taken, and
 * when it happened in the person's own time zone ({@link When}). Checked before sending as the contract says; the
 * keys of the values and errors are the form's field names.
 */
public final class OpenCaseForm {

    public static final List<String> FIELDS = List.of("category", "hangulName", "romanizedNames", "birthYear", "sex",
            "placeOfOrigin", "placeTaken", "dateTaken", When.OCCURRED_AT, When.TIME_ZONE);
    public static final List<String> SEXES = List.of("MALE", "FEMALE", "UNKNOWN");
    static final int NAME_MAX = 200;
    static final int PLACE_MAX = 300;
    static final int NAMES_MAX = 20;

    private OpenCaseForm() {
    }

    /**
     * The body to send, or the errors found (codes {@code required}, {@code option}, {@code names},
     * {@code birth_year}, {@code date}, {@code datetime}, {@code time_zone}, {@code too_long}).
     */
    public static EventForms.Result toJson(Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        EventForms.occurredAt(form, body, errors);
        String category = EventForms.trimmed(form.get("category"));
        if (category == null) {
            errors.put("category", "required");
        } else if (!CasesResource.CATEGORIES.contains(category)) {
            errors.put("category", "option");
        } else {
            body.put("category", category);
        }
        Map<String, Object> person = new LinkedHashMap<>();
        String hangul = EventForms.trimmed(form.get("hangulName"));
        if (hangul != null) {
            if (hangul.length() > NAME_MAX) {
                errors.put("hangulName", "too_long");
            }
            person.put("hangulName", hangul);
        }
        List<String> romanized = lines(form.get("romanizedNames"));
        if (!romanized.isEmpty()) {
            if (romanized.size() > NAMES_MAX || romanized.stream().anyMatch(n -> n.length() > NAME_MAX)) {
                errors.put("romanizedNames", "too_long");
            }
            person.put("romanizedNames", romanized);
        }
        if (hangul == null && romanized.isEmpty()) {
            errors.put("hangulName", "names");
        }
        String birthYear = EventForms.trimmed(form.get("birthYear"));
        if (birthYear != null) {
            if (birthYear.matches("\\d{4}") && Integer.parseInt(birthYear) >= 1880
                    && Integer.parseInt(birthYear) <= 2100) {
                person.put("birthYear", Integer.parseInt(birthYear));
            } else {
                errors.put("birthYear", "birth_year");
            }
        }
        String sex = EventForms.trimmed(form.get("sex"));
        if (sex != null) {
            if (SEXES.contains(sex)) {
                person.put("sex", sex);
            } else {
                errors.put("sex", "option");
            }
        }
        text(form, "placeOfOrigin", PLACE_MAX, person, errors);
        body.put("person", person);
        text(form, "placeTaken", PLACE_MAX, body, errors);
        String dateTaken = EventForms.trimmed(form.get("dateTaken"));
        if (dateTaken != null) {
            if (EventForms.isDate(dateTaken)) {
                body.put("dateTaken", dateTaken);
            } else {
                errors.put("dateTaken", "date");
            }
        }
        return errors.isEmpty() ? new EventForms.Result(body, Map.of()) : new EventForms.Result(Map.of(), errors);
    }

    /**
     * The form's field for a pointer of intake's problem ({@code /person/romanizedNames/1} → {@code romanizedNames},
     * {@code /person} → {@code hangulName}), or null when the form has none.
     */
    static String field(String pointer) {
        if (pointer == null) {
            return null;
        }
        String[] parts = pointer.replaceFirst("^/", "").split("/");
        String name = parts[0].equals("person") ? (parts.length > 1 ? parts[1] : "hangulName") : parts[0];
        return FIELDS.contains(name) ? name : null;
    }

    /** The form again with the problem's field errors next to their fields; the rest and the title above it. */
    static ReportForm refused(Map<String, String> kept, Problem problem, String failed) {
        Map<String, String> errors = new LinkedHashMap<>();
        String failure = failed;
        if (problem != null) {
            failure = problem.title() == null ? failed : problem.title()
                    + (problem.detail() == null ? "" : ": " + problem.detail());
            int other = 0;
            for (Problem.FieldError error : problem.errors()) {
                String field = field(error.pointer());
                errors.merge(field == null ? "#" + other++ : field, error.detail() == null ? "" : error.detail(),
                        (a, b) -> a + "; " + b);
            }
        }
        return new ReportForm(kept, errors, failure);
    }

    private static void text(Map<String, String> form, String name, int max, Map<String, Object> into,
            Map<String, String> errors) {
        String value = EventForms.trimmed(form.get(name));
        if (value != null) {
            if (value.length() > max) {
                errors.put(name, "too_long");
            }
            into.put(name, value);
        }
    }

    /** Names one a line (or separated by semicolons), blank ones left out. */
    static List<String> lines(String value) {
        List<String> names = new ArrayList<>();
        if (value != null) {
            for (String line : value.split("[\\r\\n;]+")) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        }
        return names;
    }
}
