package org.homeward.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The build writes a CycloneDX SBOM of this service (target/bom.json, cyclonedx-maven-plugin in the root pom, issue
 * 15 point 9): it names the service and lists what it ships, with versions and package URLs, among them Quarkus and the
 * Kafka client.
 */
class SbomTest {

    @Test
    void theBuildListsWhatTheServiceShips() throws Exception {
        assumeFalse("offline=true".equals(System.getProperty("homeward.maven.offline")),
                "Maven ran offline (-o), and cyclonedx-maven-plugin writes no SBOM then: build online to check it");
        Path file = Path.of("target", "bom.json");
        assertTrue(Files.isRegularFile(file), "the build writes target/bom.json");
        JsonNode bom = new ObjectMapper().readTree(file.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("intake-service", bom.at("/metadata/component/name").asText());
        Set<String> components = new HashSet<>();
        for (JsonNode component : bom.path("components")) {
            String name = component.path("name").asText();
            assertFalse(component.path("version").asText().isEmpty(), name + " has a version");
            assertTrue(component.path("purl").asText().startsWith("pkg:maven/"), name + " has a package URL");
            components.add(component.path("group").asText() + ":" + component.path("name").asText());
        }
        assertTrue(components.contains("io.quarkus:quarkus-core"), "Quarkus is listed");
        assertTrue(components.contains("io.quarkus:quarkus-rest"), "Quarkus REST is listed");
        assertTrue(components.contains("org.apache.kafka:kafka-clients"), "the Kafka client is listed");
        assertFalse(components.contains("org.junit.jupiter:junit-jupiter-api"), "test libraries are not shipped");
    }
}
