package org.homeward.intake.submission.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.homeward.events.CaseEventData;
import org.homeward.events.EventCodec;
import org.homeward.events.CaseErased;
import org.homeward.events.ErasureReason;
import org.homeward.events.EventType;
import org.homeward.events.validation.Texts;
import org.homeward.support.problem.Pointers;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.Problem.FieldError;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Reads a partner's event body ({@code type}, {@code occurredAt}, optional {@code receivedAt} and the type's own
 * fields) strictly: unknown fields, wrong types, coerced scalars, missing required fields, future dates and
 * over-long texts are each reported with a JSON pointer. Nothing is published unless this returns.
 */
@ApplicationScoped
public class SubmissionParser {

    /** Clocks of partners' systems drift; an instant up to this far ahead of ours still counts as "now". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final List<String> ENVELOPE_FIELDS = List.of("type", "occurredAt", "receivedAt");

    private final ObjectMapper strict = strictMapper();

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = EventCodec.configure(JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A date is a date: "2025-01-09T00:00:00Z" would otherwise be read as 2025-01-09.
                .withConfigOverride(LocalDate.class, o -> o.setFormat(JsonFormat.Value.forLeniency(false)))
                .build();
        // A number or boolean where text belongs is a mistake in the sender's mapping, not text: refuse it.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Inject
    Validator validator;

    Clock clock = Clock.systemUTC();

    /** A body for {@code POST /api/v1/cases}: {@code type} may be left out, and is CASE_OPENED if given. */
    public Submission parseOpening(JsonNode body) {
        ObjectNode object = requireObject(body);
        JsonNode type = object.get("type");
        if (type != null && !type.isNull() && EventType.fromWireName(type.asText()).orElse(null) != EventType.CASE_OPENED) {
            throw ProblemException.invalid("/type", "must be CASE_OPENED (or left out) to open a case");
        }
        return parse(object, EventType.CASE_OPENED);
    }

    /** A body for {@code POST /api/v1/cases/{caseId}/events}: any type but CASE_OPENED. */
    public Submission parseEvent(JsonNode body) {
        ObjectNode object = requireObject(body);
        JsonNode typeNode = object.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw ProblemException.invalid("/type", "is required; one of " + String.join(", ", validEventTypes()));
        }
        if (!typeNode.isTextual()) {
            throw ProblemException.invalid("/type", "must be a string");
        }
        EventType type = EventType.fromWireName(typeNode.asText()).orElseThrow(() -> new ProblemException(
                Problem.of(ProblemType.UNKNOWN_EVENT_TYPE, "Valid types: " + String.join(", ", validEventTypes()),
                        List.of(new FieldError("/type", "is not a known event type")))));
        if (type == EventType.CASE_OPENED) {
            throw ProblemException.invalid("/type", "open a case with POST /api/v1/cases");
        }
        if (type == EventType.CASE_ERASED) {
            throw ProblemException.invalid("/type", "erase a case with POST /api/v1/cases/{caseId}/erasure");
        }
        return parse(object, type);
    }

    /**
     * A body for {@code POST /api/v1/cases/{caseId}/erasure}: {@code {"reason": "<code>"}} and nothing else; the
     * erasure happens now (its {@code occurredAt} is intake's clock).
     */
    public Submission parseErasure(JsonNode body) {
        ObjectNode object = requireObject(body);
        List<FieldError> errors = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason")) {
                errors.add(new FieldError("/" + name.replace("~", "~0").replace("/", "~1"),
                        "is not a field of an erasure"));
            }
        });
        JsonNode reason = object.get("reason");
        String codes = java.util.Arrays.stream(ErasureReason.values()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "));
        ErasureReason code = null;
        if (reason == null || reason.isNull()) {
            errors.add(new FieldError("/reason", "is required; one of " + codes));
        } else if (!reason.isTextual()) {
            errors.add(new FieldError("/reason", "must be a string; one of " + codes));
        } else {
            code = java.util.Arrays.stream(ErasureReason.values()).filter(r -> r.name().equals(reason.asText()))
                    .findFirst().orElse(null);
            if (code == null) {
                errors.add(new FieldError("/reason", "must be one of " + codes));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, errors.size() + (errors.size() == 1
                    ? " field is" : " fields are") + " not valid", errors));
        }
        return new Submission(new CaseErased(code), clock.instant(), null);
    }

    static List<String> validEventTypes() {
        return EventType.wireNames().stream().filter(n -> !n.equals(EventType.CASE_OPENED.name())
                && !n.equals(EventType.CASE_ERASED.name())).toList();
    }

    private Submission parse(ObjectNode body, EventType type) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant occurredAt = instant(body, "occurredAt", true, now, errors).orElse(null);
        Instant receivedAt = instant(body, "receivedAt", false, now, errors).orElse(null);
        if (occurredAt != null && receivedAt != null && receivedAt.isBefore(occurredAt)) {
            errors.add(new FieldError("/receivedAt", "must not be before occurredAt"));
        }
        List<FieldError> unclean = new ArrayList<>();
        uncleanTexts(body, "", unclean);
        ObjectNode fields = body.deepCopy();
        fields.remove(ENVELOPE_FIELDS);
        CaseEventData data = null;
        try {
            data = strict.treeToValue(fields, type.payloadType());
        } catch (JsonMappingException e) {
            String detail = e instanceof UnrecognizedPropertyException ? "is not a field of " + type.name()
                    : "has the wrong type or format";
            errors.add(new FieldError(Pointers.of("", e), detail));
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("", "could not be read"));
        }
        if (data != null) {
            errors.addAll(Pointers.errors("", validator.validate(data)));
        }
        // A refused text is not also reported as a bad enum, date or id: one error a field.
        Set<String> refused = unclean.stream().map(FieldError::pointer).collect(Collectors.toSet());
        errors.removeIf(error -> refused.contains(error.pointer()));
        errors.addAll(unclean);
        if (!errors.isEmpty()) {
            List<FieldError> sorted = errors.stream().distinct()
                    .sorted(java.util.Comparator.comparing(FieldError::pointer)).toList();
            throw new ProblemException(Problem.of(ProblemType.VALIDATION,
                    sorted.size() == 1 ? "1 field is not valid" : sorted.size() + " fields are not valid", sorted));
        }
        return new Submission(data, occurredAt, receivedAt);
    }

    /**
     * Every string of the body, wherever it sits, is at least clean free text ({@link Texts}): Jackson trims enum,
     * date and id values before reading them, which would hide a control character at either end. Single-line fields
     * are held to the stricter rule by the contract's own {@code @CleanText}.
     */
    private static void uncleanTexts(JsonNode node, String pointer, List<FieldError> errors) {
        if (node.isTextual()) {
            Texts.refusal(node.asText(), true).ifPresent(detail -> errors.add(new FieldError(pointer, detail)));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> uncleanTexts(field.getValue(),
                    pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                uncleanTexts(node.get(i), pointer + "/" + i, errors);
            }
        }
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "The body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static Optional<Instant> instant(ObjectNode body, String field, boolean required, Instant now,
            List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError("/" + field, "is required (RFC 3339, e.g. 2025-01-09T06:00:00Z)"));
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("/" + field, "must be an RFC 3339 date-time string"));
            return Optional.empty();
        }
        try {
            Instant value = OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (value.isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new FieldError("/" + field, "must not be in the future"));
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + field, "must be an RFC 3339 date-time with offset, e.g. 2025-01-09T06:00:00Z"));
            return Optional.empty();
        }
    }
}
