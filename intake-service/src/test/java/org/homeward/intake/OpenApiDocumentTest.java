package org.homeward.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * Pins the intake API's contract: docs/openapi/intake-v1.yaml must be exactly what the running service publishes at
 * /q/openapi ({@link OpenApiContract}, shared by the three services). A change to the API fails this test until the
 * document is regenerated ({@code ./mvnw -pl intake-service -am verify -Dtest=OpenApiDocumentTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhomeward.openapi.update=true}) and the diff reviewed; .ci/run lints the
 * committed document with Spectral.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class OpenApiDocumentTest {

    @Test
    void theCommittedDocumentIsWhatTheServicePublishes() {
        OpenApiContract.assertPublished(RestAssured.port, "intake-v1.yaml");
    }
}
