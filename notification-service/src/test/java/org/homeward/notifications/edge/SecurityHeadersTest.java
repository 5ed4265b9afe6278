package org.homeward.notifications.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * OWASP API8:2023 security misconfiguration, for the notification service: service-support's security headers are on
 * its answers too (success, problem, unauthenticated), and a preflight from an unlisted origin is not allowed.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class SecurityHeadersTest {

    @Test
    void api8_everyAnswerCarriesTheSecurityHeaders() {
        for (Response response : List.of(
                Advocates.as(Advocates.fresh()).get("/api/v1/subscriptions"),
                Advocates.as(Advocates.fresh()).get("/api/v1/subscriptions/{id}", "not-an-id"),
                given().get("/api/v1/notifications"),
                given().get("/q/health/ready"))) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; "
                            + "base-uri 'none'; form-action 'none'");
        }
    }

    @Test
    void api8_aCorsPreflightFromAnUnlistedOriginGetsNoAllowOrigin() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/subscriptions")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
