package org.homeward.cases;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * Pins the case API's contract: docs/openapi/cases-v1.yaml must be exactly what the running service publishes at
 * /q/openapi ({@link OpenApiContract}). After an intentional API change, regenerate it
 * ({@code -Dtest=OpenApiDocumentTest -Dhomeward.openapi.update=true}) and review the diff; .ci/run lints it.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class OpenApiDocumentTest {

    @Test
    void theCommittedDocumentIsWhatTheServicePublishes() {
        OpenApiContract.assertPublished(RestAssured.port, "cases-v1.yaml");
    }
}
