package org.homeward.console.cases;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.console.api.Problem;

/**
 * The share and unshare forms of the case page (shown to admins of the owning organisation only): the organisation
 * and the reason typed (kept when refused), each field's error next to it, and a failure for the form. A submitted
 * form becomes intake's {@code CASE_SHARED} / {@code CASE_UNSHARED} body ({@code organisation}, {@code reason},
 * {@code occurredAt} = now). {@link #toString()} prints the kind and the keys of the errors only.
 *
 * @param kind        {@code share} or {@code unshare}: also the forms' ids ({@code #share-form}) and paths
 * @param errors      field ({@code organisation}, {@code reason}) → text
 * @param otherErrors errors no field shows (a pointer the form does not have)
 */
public record SharingForm(String kind, String organisation, String reason, Map<String, String> errors,
        String failure, List<String> otherErrors) {

    public static final String SHARE = "share";
    public static final String UNSHARE = "unshare";

    /** The contract's limits (case-events {@code Limits}). */
    static final int ORGANISATION_MAX = 100;
    static final int REASON_MAX = 2_000;
    static final String ORGANISATION_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

    public SharingForm {
        organisation = organisation == null ? "" : organisation;
        reason = reason == null ? "" : reason;
        errors = errors == null ? Map.of() : new LinkedHashMap<>(errors);
        otherErrors = otherErrors == null ? List.of() : List.copyOf(otherErrors);
    }

    public static SharingForm empty(String kind) {
        return new SharingForm(kind, "", "", Map.of(), null, List.of());
    }

    /** The event type the form sends. */
    public String type() {
        return SHARE.equals(kind) ? "CASE_SHARED" : "CASE_UNSHARED";
    }

    public boolean share() {
        return SHARE.equals(kind);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean failed() {
        return failure != null || !errors.isEmpty() || !otherErrors.isEmpty();
    }

    /**
     * The console's own checks before sending: field → code ({@code required}, {@code organisation},
     * {@code too_long}, {@code owner}); empty when the form may be sent.
     */
    static Map<String, String> check(String kind, String organisation, String reason, String owner) {
        Map<String, String> errors = new LinkedHashMap<>();
        String org = organisation == null ? "" : organisation.strip();
        if (org.isEmpty()) {
            errors.put("organisation", "required");
        } else if (org.length() > ORGANISATION_MAX) {
            errors.put("organisation", "too_long");
        } else if (!org.matches(ORGANISATION_PATTERN)) {
            errors.put("organisation", "organisation");
        } else if (org.equals(owner)) {
            errors.put("organisation", "owner");
        }
        if (reason != null && reason.strip().length() > REASON_MAX) {
            errors.put("reason", "too_long");
        }
        return errors;
    }

    /** The body for intake: {@code type}, {@code occurredAt} (now, to the second, UTC), organisation, reason if any. */
    static Map<String, Object> body(String kind, String organisation, String reason, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", SHARE.equals(kind) ? "CASE_SHARED" : "CASE_UNSHARED");
        body.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        body.put("organisation", organisation.strip());
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return body;
    }

    /** The form again with intake's problem: {@code /organisation} and {@code /reason} next to their fields. */
    static SharingForm refused(String kind, String organisation, String reason, Problem problem, String failure) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        String text = failure;
        if (problem != null) {
            text = problem.title() == null ? failure : problem.title()
                    + (problem.detail() == null ? "" : ": " + problem.detail());
            for (Problem.FieldError error : problem.errors()) {
                String field = error.pointer() == null ? "" : error.pointer().replaceFirst("^/", "");
                String detail = error.detail() == null ? "" : error.detail();
                if (field.equals("organisation") || field.equals("reason")) {
                    errors.merge(field, detail, (a, b) -> a + "; " + b);
                } else {
                    other.add((field.isEmpty() ? "" : field + ": ") + detail);
                }
            }
        }
        return new SharingForm(kind, organisation, reason, errors, text, other);
    }

    @Override
    public String toString() {
        return "SharingForm[kind=" + kind + ", errors=" + errors.keySet() + "]";
    }
}
