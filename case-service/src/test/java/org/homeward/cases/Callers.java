package org.homeward.cases;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;

/**
 * Who the component tests call the case service as: real bearer tokens, signed by the key the service under test
 * verifies with. The events these tests publish come from {@link #ORGANISATION}, so its caseworkers see the cases.
 */
public final class Callers {

    public static final String ORGANISATION = "org-test";

    private Callers() {
    }

    /** Every request of the test class goes out as a caseworker of {@link #ORGANISATION} unless it says otherwise. */
    public static void signInAsCaseworker() {
        // The default authentication, not a default request specification: a specification built now would also fix
        // the port before Quarkus set it.
        RestAssured.authentication = RestAssured.oauth2(
                HomewardTestStack.token(ORGANISATION, "caseworker-1", Roles.CASEWORKER));
    }

    public static void signOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    /** A request as someone else: another organisation or other roles. */
    public static RequestSpecification as(String organisation, String user, String... roles) {
        return RestAssured.given().auth().oauth2(HomewardTestStack.token(organisation, user, roles));
    }
}
