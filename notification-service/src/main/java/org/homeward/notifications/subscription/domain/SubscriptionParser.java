package org.homeward.notifications.subscription.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.events.validation.Texts;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.Problem.FieldError;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Reads a subscription body strictly: unknown fields, wrong types, unknown names, duplicates and unsafe targets are
 * each reported with a JSON pointer, all at once. Nothing is stored unless this returns.
 */
@ApplicationScoped
public class SubscriptionParser {

    static final int MAX_CASE_IDS = 100;
    private static final Set<String> FIELDS = Set.of("channel", "target", "caseIds", "categories", "eventTypes",
            "minUrgency");

    private final WebhookTargets webhookTargets;

    public SubscriptionParser(@ConfigProperty(name = "homeward.webhooks.allow-loopback", defaultValue = "false")
            boolean allowLoopback) {
        this.webhookTargets = new WebhookTargets(allowLoopback);
    }

    public SubscriptionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "The body must be a JSON object");
        }
        ObjectNode object = (ObjectNode) body;
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError("/" + escape(name), "is not a field of a subscription"));
            }
        }
        Channel channel = enumValue(object, "channel", Channel.class, errors);
        if (channel == null && !present(object, "channel")) {
            errors.add(new FieldError("/channel", "is required; one of " + names(Channel.class)));
        }
        String target = target(object, channel, errors);
        Set<UUID> caseIds = list(object, "caseIds", errors, text -> {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }, "must be a case id (UUID)");
        if (caseIds.size() > MAX_CASE_IDS) {
            errors.add(new FieldError("/caseIds", "must name at most " + MAX_CASE_IDS + " cases"));
        }
        Set<Category> categories = list(object, "categories", errors, text -> parseEnum(text, Category.class),
                "must be one of " + names(Category.class));
        Set<EventType> eventTypes = list(object, "eventTypes", errors, text -> parseEnum(text, EventType.class),
                "must be one of " + names(EventType.class));
        Urgency minUrgency = enumValue(object, "minUrgency", Urgency.class, errors);
        if (!errors.isEmpty()) {
            List<FieldError> sorted = errors.stream().distinct()
                    .sorted(Comparator.comparing(FieldError::pointer)).toList();
            throw new ProblemException(Problem.of(ProblemType.VALIDATION,
                    sorted.size() == 1 ? "1 field is not valid" : sorted.size() + " fields are not valid", sorted));
        }
        return new SubscriptionRequest(channel, target,
                new SubscriptionFilter(caseIds, categories, eventTypes, minUrgency));
    }

    private String target(ObjectNode object, Channel channel, List<FieldError> errors) {
        JsonNode node = object.get("target");
        boolean given = node != null && !node.isNull();
        if (channel == Channel.FEED) {
            if (given) {
                errors.add(new FieldError("/target", "must be left out for the FEED channel"));
            }
            return null;
        }
        if (!given) {
            if (channel != null) {
                errors.add(new FieldError("/target", channel == Channel.WEBHOOK
                        ? "is required: the https URL to POST to" : "is required: the e-mail address to write to"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("/target", "must be a string"));
            return null;
        }
        String text = node.asText();
        Optional<String> unclean = Texts.refusal(text, false);
        if (unclean.isPresent()) {
            errors.add(new FieldError("/target", unclean.get()));
            return null;
        }
        if (channel == null) {
            return text;
        }
        Optional<String> refusal = channel == Channel.WEBHOOK ? webhookTargets.refuse(text)
                : EmailAddresses.refuse(text);
        refusal.ifPresent(reason -> errors.add(new FieldError("/target", reason)));
        return text;
    }

    private static boolean present(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    private static <E extends Enum<E>> E enumValue(ObjectNode object, String field, Class<E> type,
            List<FieldError> errors) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && !Texts.isClean(node.asText())) {
            errors.add(new FieldError("/" + field, Texts.refusal(node.asText(), false).orElseThrow()));
            return null;
        }
        Optional<E> value = node.isTextual() ? parseEnum(node.asText(), type) : Optional.empty();
        if (value.isEmpty()) {
            errors.add(new FieldError("/" + field, "must be one of " + names(type)));
            return null;
        }
        return value.get();
    }

    private static <T> Set<T> list(ObjectNode object, String field, List<FieldError> errors,
            Function<String, Optional<T>> parse, String invalid) {
        JsonNode node = object.get(field);
        Set<T> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("/" + field, "must be an array"));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual() && !Texts.isClean(item.asText())) {
                errors.add(new FieldError("/" + field + "/" + i, Texts.refusal(item.asText(), false).orElseThrow()));
                continue;
            }
            Optional<T> value = item.isTextual() ? parse.apply(item.asText().trim()) : Optional.empty();
            if (value.isEmpty()) {
                errors.add(new FieldError("/" + field + "/" + i, invalid));
            } else if (!values.add(value.get())) {
                errors.add(new FieldError("/" + field + "/" + i, "is named twice"));
            }
        }
        return values;
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(String text, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
