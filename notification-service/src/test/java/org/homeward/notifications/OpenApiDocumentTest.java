package org.homeward.notifications;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * Pins the notification API's contract: docs/openapi/notifications-v1.yaml must be exactly what the running service
 * publishes at /q/openapi ({@link OpenApiContract}). After an intentional API change, regenerate it
 * ({@code -Dtest=OpenApiDocumentTest -Dhomeward.openapi.update=true}) and review the diff; .ci/run lints it.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class OpenApiDocumentTest {

    @Test
    void theCommittedDocumentIsWhatTheServicePublishes() {
        OpenApiContract.assertPublished(RestAssured.port, "notifications-v1.yaml");
    }
}
