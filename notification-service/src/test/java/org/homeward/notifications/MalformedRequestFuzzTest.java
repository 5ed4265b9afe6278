package org.homeward.notifications;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.fuzz.RequestFuzzer;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 8: 1,000 malformed requests for every operation of docs/openapi/notifications-v1.yaml (generated
 * from the document, seed {@link RequestFuzzer#SEED}), each as an advocate, with the id of the advocate's own
 * subscription where an id is valid: every answer is a 4xx problem, no table of the notification database and no
 * topic changes.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class MalformedRequestFuzzTest {

    private static final String ORGANISATION = "fuzz-org";

    @Test
    void everyMalformedRequestIsRefusedWithAProblemAndChangesNothing() {
        String subscriptionId = given().auth().oauth2(HomewardTestStack.token(ORGANISATION, "fuzzer", Roles.ADVOCATE))
                .contentType(ContentType.JSON).body("{\"channel\": \"FEED\"}").post("/api/v1/subscriptions")
                .then().statusCode(201).extract().path("id");
        RequestFuzzer.forDocument("notifications-v1.yaml").port(RestAssured.port).database("notifications")
                .organisation(ORGANISATION).pathValue("id", subscriptionId).bodyLimit(64 * 1024).run()
                .assertEveryRequestRefused();
    }
}
