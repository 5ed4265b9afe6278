package org.homeward.notifications.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as one advocate: organisation and user headers. */
public final class Advocates {

    private Advocates() {
    }

    /** A fresh advocate, so that tests do not see each other's subscriptions and feeds. */
    public static String fresh() {
        return "advocate-" + UUID.randomUUID();
    }

    public static RequestSpecification as(String user) {
        return given().header("Homeward-Organisation", "defector-org").header("Homeward-User", user)
                .contentType(ContentType.JSON);
    }

    /** Creates a subscription and answers its id (and secret, for a webhook) as returned. */
    public static io.restassured.path.json.JsonPath subscribe(String user, String body) {
        return as(user).body(body).post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath();
    }
}
