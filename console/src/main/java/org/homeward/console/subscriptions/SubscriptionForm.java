package org.homeward.console.subscriptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.console.api.Problem;

/**
 * The subscription form: what was typed (kept when the subscription is refused), each field's error next to it
 * (keys {@code channel}, {@code target}, {@code caseIds}, {@code categories}, {@code eventTypes}, {@code minUrgency}),
 * errors of no field, and a general failure. {@link #toJson()} is the body notification-service's
 * {@code POST /api/v1/subscriptions} takes. {@link #toString()} prints the channel only (the target is an address).
 */
public record SubscriptionForm(String channel, String target, String caseIds, List<String> categories,
        List<String> eventTypes, String minUrgency, Map<String, String> errors, List<String> otherErrors,
        String failure) {

    public static final List<String> CHANNELS = List.of("FEED", "EMAIL", "WEBHOOK");
    public static final List<String> FIELDS = List.of("channel", "target", "caseIds", "categories", "eventTypes",
            "minUrgency");
    static final String DEFAULT_URGENCY = "NORMAL";

    public SubscriptionForm {
        channel = channel == null ? "" : channel.strip();
        target = target == null ? "" : target.strip();
        caseIds = caseIds == null ? "" : caseIds.strip();
        categories = categories == null ? List.of() : List.copyOf(categories);
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        minUrgency = minUrgency == null || minUrgency.isBlank() ? DEFAULT_URGENCY : minUrgency.strip();
        errors = errors == null ? Map.of() : new LinkedHashMap<>(errors);
        otherErrors = otherErrors == null ? List.of() : List.copyOf(otherErrors);
    }

    public static SubscriptionForm empty() {
        return new SubscriptionForm("", "", "", List.of(), List.of(), DEFAULT_URGENCY, Map.of(), List.of(), null);
    }

    /** The typed form, keeping only choices the console offers (the rest are dropped, not sent). */
    public static SubscriptionForm of(String channel, String target, String caseIds, List<String> categories,
            List<String> eventTypes, String minUrgency, List<String> knownCategories, List<String> knownTypes,
            List<String> knownUrgencies) {
        List<String> cats = categories == null ? List.of()
                : categories.stream().filter(knownCategories::contains).distinct().toList();
        List<String> types = eventTypes == null ? List.of()
                : eventTypes.stream().filter(knownTypes::contains).distinct().toList();
        String urgency = minUrgency != null && knownUrgencies.contains(minUrgency) ? minUrgency : DEFAULT_URGENCY;
        String text = caseIds == null ? "" : caseIds.length() > 8000 ? caseIds.substring(0, 8000) : caseIds;
        String where = target == null ? "" : target.length() > 2000 ? target.substring(0, 2000) : target;
        return new SubscriptionForm(channel, where, text, cats, types, urgency, Map.of(), List.of(), null);
    }

    /** The case ids as typed, split at spaces, commas, semicolons and line breaks. */
    public List<String> caseIdList() {
        return caseIds.isEmpty() ? List.of()
                : Arrays.stream(caseIds.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    }

    /** The console's own checks before sending: a channel it knows, and a target for e-mail and webhook. */
    public SubscriptionForm checked(String required, String choice, String failed) {
        Map<String, String> found = new LinkedHashMap<>();
        if (channel.isEmpty()) {
            found.put("channel", required);
        } else if (!CHANNELS.contains(channel)) {
            found.put("channel", choice);
        } else if (!"FEED".equals(channel) && target.isEmpty()) {
            found.put("target", required);
        }
        return found.isEmpty() ? this : withErrors(found, List.of(), failed);
    }

    /** The body to send: the target only for e-mail and webhook; empty filters left out (they mean "any"). */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        if (!"FEED".equals(channel) && !target.isEmpty()) {
            body.put("target", target);
        }
        List<String> ids = caseIdList();
        if (!ids.isEmpty()) {
            body.put("caseIds", ids);
        }
        if (!categories.isEmpty()) {
            body.put("categories", categories);
        }
        if (!eventTypes.isEmpty()) {
            body.put("eventTypes", eventTypes);
        }
        body.put("minUrgency", minUrgency);
        return body;
    }

    /**
     * The form again with the problem's field errors next to their fields: {@code /target} → target,
     * {@code /caseIds/2} → case ids (naming the third id as it was typed), {@code /categories/0} → categories; errors
     * of no field of the form are listed apart.
     */
    public SubscriptionForm refused(Problem problem, String failed) {
        Map<String, String> found = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        String failure = failed;
        if (problem != null) {
            if (problem.title() != null) {
                failure = problem.title() + (problem.detail() == null ? "" : ": " + problem.detail());
            } else if (problem.detail() != null) {
                failure = problem.detail();
            }
            List<String> ids = caseIdList();
            for (Problem.FieldError error : problem.errors()) {
                String pointer = error.pointer() == null ? "" : error.pointer();
                String detail = error.detail() == null ? "" : error.detail();
                String[] parts = pointer.replaceFirst("^/", "").split("/", 2);
                String field = parts[0];
                if (!FIELDS.contains(field)) {
                    others.add((pointer.isEmpty() ? "" : pointer + ": ") + detail);
                    continue;
                }
                if (parts.length == 2) {
                    String item = parts[1];
                    if (field.equals("caseIds")) {
                        try {
                            int index = Integer.parseInt(item);
                            item = index >= 0 && index < ids.size() ? "“" + ids.get(index) + "”" : item;
                        } catch (NumberFormatException e) {
                            // the pointer's own segment
                        }
                    } else if (field.equals("categories") || field.equals("eventTypes")) {
                        List<String> sent = field.equals("categories") ? categories : eventTypes;
                        try {
                            int index = Integer.parseInt(item);
                            item = index >= 0 && index < sent.size() ? sent.get(index) : item;
                        } catch (NumberFormatException e) {
                            // the pointer's own segment
                        }
                    }
                    detail = item + ": " + detail;
                }
                found.merge(field, detail, (a, b) -> a + "; " + b);
            }
        }
        return withErrors(found, others, failure);
    }

    /** A form with a general failure only (no field named). */
    public SubscriptionForm failedWith(String failure) {
        return withErrors(Map.of(), List.of(), failure);
    }

    private SubscriptionForm withErrors(Map<String, String> errors, List<String> others, String failure) {
        return new SubscriptionForm(channel, target, caseIds, categories, eventTypes, minUrgency, errors, others,
                failure);
    }

    public boolean failed() {
        return failure != null || !errors.isEmpty() || !otherErrors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean channelIs(String value) {
        return value.equals(channel);
    }

    public boolean urgencyIs(String value) {
        return value.equals(minUrgency);
    }

    public boolean hasCategory(String value) {
        return categories.contains(value);
    }

    public boolean hasEventType(String value) {
        return eventTypes.contains(value);
    }

    @Override
    public String toString() {
        return "SubscriptionForm[channel=" + channel + ", errors=" + errors.keySet() + "]";
    }
}
