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

    private static volatile String organisation = ORGANISATION;

    /**
     * The organisation of {@link #as(String)}, {@link #subscribe} and {@link Transitions#of}: {@link #ORGANISATION}
     * unless a test isolated itself.
     */
    public static String organisation() {
        return organisation;
    }

    /**
     * From now on (until the next call or {@link #shared()}), advocates and transitions of the helpers belong to a
     * fresh organisation: every advocate of an organisation sees its critical alerts, so a test that counts a feed
     * must not see the critical transitions other tests published for the shared organisation.
     */
    public static String isolate() {
        organisation = "org-" + UUID.randomUUID();
        return organisation;
    }

    /** Back to the shared {@link #ORGANISATION}. */
    public static void shared() {
        organisation = ORGANISATION;
    }

    public static RequestSpecification as(String user) {
        return as(organisation, user);
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
