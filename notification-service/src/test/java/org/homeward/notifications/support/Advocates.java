package org.homeward.notifications.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;

/** Requests as one advocate: a real bearer token naming the organisation, the advocate and the advocate role. */
public final class Advocates {

    private Advocates() {
    }

    /** A fresh advocate, so that tests do not see each other's subscriptions and feeds. */
    public static String fresh() {
        return "advocate-" + UUID.randomUUID();
    }

    public static final String ORGANISATION = "defector-org";

    public static RequestSpecification as(String user) {
        return as(ORGANISATION, user);
    }

    public static RequestSpecification as(String organisation, String user) {
        return given().auth().oauth2(HomewardTestStack.token(organisation, user, Roles.ADVOCATE))
                .contentType(ContentType.JSON);
    }

    /** Creates a subscription and answers its id (and secret, for a webhook) as returned. */
    public static io.restassured.path.json.JsonPath subscribe(String user, String body) {
        return as(user).body(body).post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath();
    }
}
