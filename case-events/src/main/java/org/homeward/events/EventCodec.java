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
import javax.crypto.SecretKey;

/**
 * The one JSON form of the contract, for every producer and consumer of {@code case-events} and
 * {@code case-transitions}. Readers ignore unknown fields so that additive changes do not break older consumers.
 *
 * <p>On {@code case-events} the {@code data} of an event is sealed under its case's key ({@link #encodeSealed}): the
 * envelope (ids, type, times, organisations) stays readable, the payload is a string {@code enc:v2:case:...} bound to
 * the case and the event id. A reader opens it with the case keys it holds ({@link #decodeCaseEvent(byte[],
 * CaseKeys)}). Records written before sealing, with their data in clear, read as before.
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

    /** Where a case key finds the key to open a record's data with. */
    @FunctionalInterface
    public interface CaseKeys {
        /**
         * The key of the case; throws {@link ErasedEventException} when it was destroyed (the case was erased), and
         * may wait for a key that is on its way.
         */
        SecretKey of(UUID caseId);
    }

    /** A reader without case keys: it reads records in clear and refuses sealed ones. */
    public static final CaseKeys NO_KEYS = caseId -> {
        throw new MalformedEventException("a sealed record, and this reader holds no case keys");
    };

    /** The associated data of an event's sealed data: the case and the event, so that data moved elsewhere fails. */
    public static String dataContext(UUID caseId, UUID eventId) {
        return "case:" + caseId + ":event:" + eventId + ":data";
    }

    /** The event with its {@code data} sealed under the case's key (the envelope stays readable). */
    public static byte[] encodeSealed(CloudEvent<CaseEventData> event, SecretKey caseKey) {
        try {
            ObjectNode tree = MAPPER.valueToTree(event);
            String data = MAPPER.writeValueAsString(tree.get("data"));
            tree.put("data", CaseKeyCipher.seal(caseKey, data, dataContext(event.caseId(), event.id())));
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    /**
     * Whether an event's data travels in clear: only an erasure, which carries a reason code and nothing about the
     * person, and must stay readable once the key it would be sealed under is destroyed.
     */
    public static boolean travelsInClear(CaseEventData data) {
        return data instanceof CaseErased;
    }

    /** Whether a record's data is sealed under a case key. */
    public static boolean isSealed(byte[] json) {
        return CaseKeyCipher.isSealed(readTree(json).path("data").asText(null));
    }

    /** The event id of a record of case-events, read from its envelope alone (its data may be sealed). */
    public static UUID eventId(byte[] json) {
        try {
            return UUID.fromString(readTree(json).path("id").asText(""));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("an event needs an id");
        }
    }

    /** Reads a case event in clear; a sealed one is refused ({@link #NO_KEYS}). */
    public static CloudEvent<CaseEventData> decodeCaseEvent(byte[] json) {
        return decodeCaseEvent(json, NO_KEYS);
    }

    /**
     * Reads a case event, opening sealed data with the case's key from {@code keys}; its {@code type} attribute
     * chooses the payload record.
     */
    public static CloudEvent<CaseEventData> decodeCaseEvent(byte[] json, CaseKeys keys) {
        JsonNode tree = readTree(json);
        if (tree.path("data").isTextual() && CaseKeyCipher.isSealed(tree.path("data").asText())) {
            open((ObjectNode) tree, keys);
        }
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

    /** Replaces the sealed data by what it seals. */
    private static void open(ObjectNode tree, CaseKeys keys) {
        UUID caseId;
        UUID eventId;
        try {
            caseId = UUID.fromString(tree.path("subject").asText(""));
            eventId = UUID.fromString(tree.path("id").asText(""));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("a sealed event needs an id and a case as subject");
        }
        SecretKey key = keys.of(caseId);
        String data;
        try {
            data = CaseKeyCipher.open(key, tree.path("data").asText(), dataContext(caseId, eventId));
        } catch (IllegalStateException e) {
            throw new MalformedEventException("sealed data that does not open under its case's key");
        }
        try {
            tree.set("data", MAPPER.readTree(data));
        } catch (IOException e) {
            throw new MalformedEventException("sealed data that is not JSON");
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
