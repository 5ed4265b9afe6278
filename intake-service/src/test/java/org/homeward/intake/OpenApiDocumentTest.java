package org.homeward.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Pins the intake API's contract: docs/openapi/intake-v1.yaml must be exactly what the running service publishes at
 * /q/openapi. A change to the API fails this test until the document is regenerated
 * ({@code ./mvnw -pl intake-service -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhomeward.openapi.update=true}) and the diff reviewed; .ci/run lints the committed document with Spectral.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class OpenApiDocumentTest {

    static final Path DOCUMENT = Path.of(System.getProperty("homeward.docs.dir", "../docs"), "openapi", "intake-v1.yaml");
    static final boolean UPDATE = Boolean.getBoolean("homeward.openapi.update");

    @Test
    void theCommittedDocumentIsWhatTheServicePublishes() throws IOException {
        String published = RestAssured.given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (UPDATE) {
            Files.createDirectories(DOCUMENT.getParent());
            Files.writeString(DOCUMENT, published, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOCUMENT), () -> DOCUMENT + " is missing: run with -Dhomeward.openapi.update=true");
        assertEquals(Files.readString(DOCUMENT, StandardCharsets.UTF_8), published,
                () -> DOCUMENT + " differs from /q/openapi: regenerate with -Dhomeward.openapi.update=true and review");
    }
}
