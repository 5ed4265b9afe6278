package org.homeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the machine-readable contract: docs/events/schemas holds one JSON Schema per event type (the CloudEvent with
 * its typed data) and one for transitions, generated from the records. A change to a record fails this test until
 * the committed schema is regenerated ({@code ./mvnw -pl case-events test -Dhomeward.schemas.update=true}) and the
 * diff is reviewed.
 */
class EventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of(System.getProperty("homeward.docs.dir", "../docs"), "events", "schemas");
    private static final boolean UPDATE = Boolean.getBoolean("homeward.schemas.update");
    private static final SchemaGenerator GENERATOR = generator();

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.PREFER_IDN_EMAIL_FORMAT))
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withIgnoreCheck(field -> field.isStatic());
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            String format = raw == Instant.class ? "date-time" : raw == LocalDate.class ? "date"
                    : raw == UUID.class ? "uuid" : null;
            if (format == null) {
                return null;
            }
            ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string").put("format", format);
            return new com.github.victools.jsonschema.generator.CustomDefinition(node);
        });
        return new SchemaGenerator(config.build());
    }

    static ObjectNode schemaOf(EventType type) {
        ObjectNode schema = GENERATOR.generateSchema(CloudEvent.class, type.payloadType());
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject("type").put("const", type.cloudEventType());
        properties.putObject("specversion").put("const", CloudEvent.SPEC_VERSION);
        return decorate(schema, type.schemaName(), "Homeward case event " + type.name()
                + ": a CloudEvents 1.0 envelope keyed by case id (subject) on topic case-events.");
    }

    static ObjectNode transitionSchema() {
        ObjectNode schema = GENERATOR.generateSchema(CloudEvent.class, CaseTransition.class);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject("type").put("const", CaseTransition.CLOUD_EVENT_TYPE);
        properties.putObject("specversion").put("const", CloudEvent.SPEC_VERSION);
        return decorate(schema, "transition.v1", "What the case service did with one event, "
                + "on topic case-transitions. Carries no personal data.");
    }

    private static ObjectNode decorate(ObjectNode generated, String name, String description) {
        ((ObjectNode) generated.get("properties")).putObject("subject").put("type", "string").put("format", "uuid")
                .put("description", "the case id; also the Kafka record key");
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://homeward.org/schemas/events/" + name + ".json");
        schema.put("title", name);
        schema.put("description", description);
        schema.setAll(generated);
        // The envelope's required attributes (CloudEvents: id, source, specversion, type; Homeward: subject, data).
        schema.putArray("required").add("specversion").add("id").add("source").add("type").add("subject")
                .add("time").add("data");
        return schema;
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theCommittedSchemaMatchesTheCode(EventType type) throws IOException {
        check(type.schemaName(), schemaOf(type));
    }

    @Test
    void theCommittedTransitionSchemaMatchesTheCode() throws IOException {
        check("transition.v1", transitionSchema());
    }

    @Test
    void noStaleSchemaFiles() throws IOException {
        Set<String> expected = Stream.concat(Stream.of(EventType.values()).map(EventType::schemaName),
                Stream.of("transition.v1")).map(n -> n + ".json").collect(Collectors.toSet());
        if (UPDATE) {
            Files.createDirectories(DIR);
            return;
        }
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(expected, files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void requiredPayloadFieldsAreRequiredInTheSchema() {
        JsonNode captured = schemaOf(EventType.CAPTURED);
        assertTrue(captured.toString().contains("\"required\":[\"heldBy\"]"), captured::toString);
    }

    private static void check(String name, ObjectNode schema) throws IOException {
        Path file = DIR.resolve(name + ".json");
        String generated = JSON.writeValueAsString(schema) + "\n";
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), () -> file + " is missing: run with -Dhomeward.schemas.update=true");
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
                () -> file + " differs from the code: regenerate with -Dhomeward.schemas.update=true and review");
    }
}
