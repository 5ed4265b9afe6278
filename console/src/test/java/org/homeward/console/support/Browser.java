package org.homeward.console.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's state in the console's tests: the CSRF cookie and field, and the session once signed in. */
public record Browser(String csrfCookie, String csrfField, String session) {

    public static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    /** The Content-Security-Policy every page of the console carries. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    public static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookie("homeward_csrf", csrfCookie);
        return session == null ? spec : spec.cookie("homeward_session", session);
    }

    public RequestSpecification form() {
        return request().contentType(FORM).formParam("csrf-token", csrfField);
    }

    /** Signs in to defector-org as {@code name} with {@code roles}, landing on the cases. */
    public static Browser signedIn(String name, String... roles) {
        Response page = given().redirects().follow(false).get("/sign-in");
        page.then().statusCode(200);
        Matcher m = CSRF_FIELD.matcher(page.asString());
        assertTrue(m.find(), "the sign-in form carries a CSRF token");
        String cookie = page.getCookie("homeward_csrf");
        assertNotNull(cookie);
        Response answer = given().redirects().follow(false).cookie("homeward_csrf", cookie).contentType(FORM)
                .formParam("csrf-token", m.group(1)).formParam("organisation", "defector-org")
                .formParam("name", name).formParam("roles", (Object[]) roles).post("/sign-in");
        answer.then().statusCode(303).header("Location", endsWith("/cases"));
        return new Browser(cookie, m.group(1), answer.getCookie("homeward_session"));
    }
}
