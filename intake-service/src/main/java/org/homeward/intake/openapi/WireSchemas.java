package org.homeward.intake.openapi;

import static org.eclipse.microprofile.openapi.OASFactory.createDiscriminator;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.ContactKind;
import org.homeward.events.EventRetracted;
import org.homeward.events.EventType;
import org.homeward.events.IntentMethod;
import org.homeward.events.Person;
import org.homeward.events.ReturnMode;
import org.homeward.events.Sex;

/**
 * The request schemas of the intake API, derived from the event contract's payload records (their fields, Jackson
 * names and Bean Validation constraints), so that the document says exactly what {@code SubmissionParser} accepts:
 * one flat schema per event type with {@code type} as discriminator, required fields, lengths, enumerations, and
 * no other fields ({@code additionalProperties: false}).
 */
final class WireSchemas {

    static final String REF = "#/components/schemas/";
    static final String OPEN_CASE = "OpenCase";
    static final String CASE_EVENT = "CaseEvent";
    static final String BATCH_EVENT = "BatchEvent";
    static final String PERSON = "Person";
    /** RFC 3339 date-times are at most this long (2025-01-09T06:00:00.123456789+09:00). */
    static final int DATE_TIME_LENGTH = 35;

    private static final Map<Class<?>, String> DESCRIPTIONS = Map.of(
            Category.class, "The kind of person a case is about",
            Sex.class, "The person's sex as recorded",
            IntentMethod.class, "How the person stated their intent",
            ReturnMode.class, "How the person came home",
            ContactKind.class, "The kind of family contact");

    /** What a field means, where its name alone does not say it, by record and field name. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.of(
            EventRetracted.class.getSimpleName() + ".eventId", "The id of the event to take back, as intake answered "
                    + "it (`eventId`): an event of the same case that intake has read back from Kafka, not itself a "
                    + "retraction or a sharing event, and not retracted already",
            EventRetracted.class.getSimpleName() + ".reason", "Why the event is taken back");

    /** What a type's event does, where the type's name alone does not say it. */
    private static final Map<EventType, String> TYPE_DESCRIPTIONS = Map.of(
            EventType.EVENT_RETRACTED, " Takes back an earlier event of the same case, reported in error: the case "
                    + "service keeps it in the timeline, marked retracted, and derives the case again without it. "
                    + "Allowed to a reporter of the organisation that reported the event and to an admin of the "
                    + "case's owner.");

    /** A valid body of a type's event, where the document shows one on the schema. */
    private static final Map<EventType, Map<String, Object>> TYPE_EXAMPLES = Map.of(
            EventType.EVENT_RETRACTED, example("type", EventType.EVENT_RETRACTED.name(),
                    "occurredAt", "2026-02-02T08:00:00Z", "eventId", "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13",
                    "reason", "reported for the wrong person"));

    private WireSchemas() {
    }

    /** Every schema, by component name, in a stable order. */
    static Map<String, Schema> all() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Class<?> type : List.of(Category.class, Sex.class, IntentMethod.class, ReturnMode.class,
                ContactKind.class)) {
            schemas.put(type.getSimpleName(), enumSchema(type).description(DESCRIPTIONS.get(type)));
        }
        schemas.put(PERSON, object(Person.class)
                .description("Who a case is about. A Hangul name or at least one romanised name is required "
                        + "(\"Kim Gwang-won\" and \"Kim Kwang-won\" are one name in two romanisations)."));
        schemas.put(OPEN_CASE, openCase());

        Schema caseEvent = createSchema().description("An event of an existing case; `type` says which, and each "
                + "type has its own fields.").discriminator(createDiscriminator().propertyName("type"));
        Schema batchEvent = createSchema().description("One event of a batch: an event of an existing case, with "
                + "the case's id in `caseId`.").discriminator(createDiscriminator().propertyName("type"));
        for (EventType type : EventType.values()) {
            if (type == EventType.CASE_OPENED || type == EventType.CASE_ERASED) {
                continue; // each has an operation of its own: POST /api/v1/cases, POST /api/v1/cases/{caseId}/erasure
            }
            String name = name(type);
            schemas.put(name, event(type, false));
            schemas.put("Batch" + name, event(type, true));
            caseEvent.addOneOf(createSchema().ref(REF + name));
            caseEvent.getDiscriminator().addMapping(type.name(), REF + name);
            batchEvent.addOneOf(createSchema().ref(REF + "Batch" + name));
            batchEvent.getDiscriminator().addMapping(type.name(), REF + "Batch" + name);
        }
        schemas.put(CASE_EVENT, caseEvent);
        schemas.put(BATCH_EVENT, batchEvent);
        return schemas;
    }

    /** e.g. {@code DefectionIntentStatedEvent}. */
    static String name(EventType type) {
        return type.payloadType().getSimpleName() + "Event";
    }

    private static Schema openCase() {
        Schema schema = createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false)
                .description("Opens a case for a new person (the CASE_OPENED event). `occurredAt`: when the case was "
                        + "opened or, better, when the person was taken; `placeTaken` and `dateTaken`: where and when "
                        + "the person was taken or crossed.");
        schema.addProperty("type", createSchema().addType(SchemaType.STRING)
                .enumeration(List.of(EventType.CASE_OPENED.name()))
                .description("May be left out; CASE_OPENED if given"));
        envelope(schema);
        fields(schema, CaseOpened.class);
        return schema;
    }

    private static Schema event(EventType type, boolean inBatch) {
        Schema schema = createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false)
                .description(("AEIOU".indexOf(type.name().charAt(0)) >= 0 ? "An " : "A ") + type.name() + " event"
                        + (inBatch ? " in a batch." : ".")
                        + " Its fields besides `type`, `occurredAt` and `receivedAt` are those of "
                        + "docs/events/schemas/" + type.schemaName() + ".json."
                        + TYPE_DESCRIPTIONS.getOrDefault(type, ""));
        Map<String, Object> example = TYPE_EXAMPLES.get(type);
        if (example != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (inBatch) {
                value.put("caseId", "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47");
            }
            value.putAll(example);
            schema.addExample(value);
        }
        if (inBatch) {
            schema.addProperty("caseId", uuid().description("The case the event is about; it must exist"));
            schema.addRequired("caseId");
        }
        schema.addProperty("type", createSchema().addType(SchemaType.STRING).enumeration(List.of(type.name()))
                .description("The event type"));
        schema.addRequired("type");
        envelope(schema);
        fields(schema, type.payloadType());
        return schema;
    }

    private static void envelope(Schema schema) {
        schema.addProperty("occurredAt", dateTime().description("When it happened (RFC 3339 with offset); not more "
                + "than 5 minutes in the future"));
        schema.addProperty("receivedAt", dateTime().description("When the partner received the report; not before "
                + "occurredAt, not in the future; defaults to when intake accepted it"));
        schema.addRequired("occurredAt");
    }

    private static Schema object(Class<?> record) {
        Schema schema = createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false);
        fields(schema, record);
        return schema;
    }

    private static void fields(Schema schema, Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            Field field;
            try {
                field = record.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("record without its field: " + component, e);
            }
            JsonProperty renamed = field.getAnnotation(JsonProperty.class);
            String name = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
            Schema property = property(component.getType(), field.getAnnotatedType());
            if (field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class)) {
                schema.addRequired(name);
            }
            if (field.isAnnotationPresent(PastOrPresent.class)) {
                property.setDescription("Not in the future");
            }
            String description = FIELD_DESCRIPTIONS.get(record.getSimpleName() + "." + name);
            if (description != null) {
                property.setDescription(description);
            }
            schema.addProperty(name, property);
        }
    }

    private static Schema property(Class<?> type, AnnotatedType annotated) {
        Schema schema;
        if (type == String.class) {
            schema = createSchema().addType(SchemaType.STRING);
        } else if (type == LocalDate.class) {
            schema = createSchema().addType(SchemaType.STRING).format("date").maxLength(10);
        } else if (type == UUID.class) {
            schema = uuid();
        } else if (type == Integer.class || type == int.class) {
            schema = createSchema().addType(SchemaType.INTEGER).format("int32");
        } else if (type.isEnum()) {
            schema = createSchema().ref(REF + type.getSimpleName());
        } else if (type == Person.class) {
            schema = createSchema().ref(REF + PERSON);
        } else if (type == List.class && annotated instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType element = parameterized.getAnnotatedActualTypeArguments()[0];
            schema = createSchema().addType(SchemaType.ARRAY)
                    .items(property((Class<?>) element.getType(), element));
        } else {
            throw new IllegalStateException("no wire schema for " + type.getSimpleName());
        }
        return constrained(schema, annotated);
    }

    private static Schema constrained(Schema schema, AnnotatedType annotated) {
        Size size = annotated.getAnnotation(Size.class);
        boolean array = schema.getType() != null && schema.getType().contains(SchemaType.ARRAY);
        boolean string = schema.getType() != null && schema.getType().contains(SchemaType.STRING);
        if (size != null && array) {
            schema.maxItems(size.max());
        } else if (size != null && string) {
            schema.maxLength(size.max());
        }
        if (annotated.getAnnotation(NotBlank.class) != null) {
            schema.minLength(1).pattern("\\S");
        }
        Min min = annotated.getAnnotation(Min.class);
        Max max = annotated.getAnnotation(Max.class);
        if (min != null) {
            schema.minimum(BigDecimal.valueOf(min.value()));
        }
        if (max != null) {
            schema.maximum(BigDecimal.valueOf(max.value()));
        }
        return schema;
    }

    static Schema uuid() {
        return createSchema().addType(SchemaType.STRING).format("uuid").minLength(36).maxLength(36)
                .pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    }

    static Schema dateTime() {
        return createSchema().addType(SchemaType.STRING).format("date-time").maxLength(DATE_TIME_LENGTH);
    }

    private static Schema enumSchema(Class<?> type) {
        return createSchema().addType(SchemaType.STRING).enumeration(Arrays.stream(type.getEnumConstants())
                .map(c -> (Object) ((Enum<?>) c).name()).toList());
    }

    /** A map of the given keys and values, in their order (the committed document is compared as text). */
    private static Map<String, Object> example(Object... keysAndValues) {
        Map<String, Object> example = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            example.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return example;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
