package org.homeward.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.UUID;

/**
 * The one JSON form of the contract, for every producer and consumer of {@code case-events} and
 * {@code case-transitions}. Readers ignore unknown fields so that additive changes do not break older consumers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // Tolerant reading: a value added to an enum (a new alert, state or status) after this reader was built
            // reads as null (and is dropped from lists) instead of failing the record into a dead-letter topic.
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true)
            .build();

    private EventCodec() {
    }

    /** The mapper settings of the contract (ISO-8601 instants and dates, absent rather than null); callers add strictness. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    /** Reads a case event; its {@code type} attribute chooses the payload record. */
    public static CloudEvent<CaseEventData> decodeCaseEvent(byte[] json) {
        JsonNode tree = readTree(json);
        String ceType = tree.path("type").asText(null);
        EventType type = EventType.fromCloudEventType(ceType).orElseThrow(() -> unknownType(tree, ceType));
        JavaType javaType = MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, type.payloadType());
        return convert(tree, javaType);
    }

    /** An unknown type on an envelope with an event id and a case as subject; a bare malformed record otherwise. */
    private static MalformedEventException unknownType(JsonNode tree, String ceType) {
        try {
            UUID id = UUID.fromString(tree.path("id").asText(""));
            UUID caseId = UUID.fromString(tree.path("subject").asText(""));
            String type = ceType == null ? "(none)" : ceType.length() > 200 ? ceType.substring(0, 200) : ceType;
            return ceType == null || !tree.path("data").isObject() ? new MalformedEventException("no case event type")
                    : new UnknownEventTypeException(id, caseId, type);
        } catch (IllegalArgumentException e) {
            return new MalformedEventException("unknown case event type without an event id and a case");
        }
    }

    public static CloudEvent<CaseTransition> decodeTransition(byte[] json) {
        JsonNode tree = readTree(json);
        String ceType = tree.path("type").asText(null);
        if (!CaseTransition.CLOUD_EVENT_TYPE.equals(ceType)) {
            throw new MalformedEventException("not a case transition: " + ceType);
        }
        return convert(tree, MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, CaseTransition.class));
    }

    /** A payload as a JSON object, e.g. for a timeline store. */
    public static ObjectNode toJson(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T fromJson(JsonNode json, Class<T> type) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("cannot read " + type.getSimpleName());
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new MalformedEventException("an event must be a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getClass().getSimpleName());
        }
    }

    private static <T> T convert(JsonNode tree, JavaType type) {
        try {
            T event = MAPPER.convertValue(tree, type);
            CloudEvent<?> ce = (CloudEvent<?>) event;
            if (ce.id() == null || ce.subject() == null || ce.data() == null) {
                throw new MalformedEventException("an event needs id, subject and data");
            }
            ce.caseId(); // the subject must be a case id
            return event;
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event does not match its schema");
        }
    }
}
