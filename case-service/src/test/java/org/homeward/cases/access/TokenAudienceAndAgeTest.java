package org.homeward.cases.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.homeward.cases.Callers;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * OWASP API2:2023: a token of the right issuer and key is refused unless it names this deployment's audience and was
 * issued within the age bound ({@code mp.jwt.verify.audiences}, {@code mp.jwt.verify.token.age}, one day).
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class TokenAudienceAndAgeTest {

    private static JwtClaims claims() {
        return HomewardTestStack.tokens().claims(Callers.ORGANISATION, "caseworker-aud", Duration.ofMinutes(10),
                Roles.CASEWORKER);
    }

    private static void refused(JwtClaims claims) {
        given().auth().oauth2(HomewardTestStack.tokens().sign(claims)).get("/api/v1/statistics")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://homeward.org/problems/unauthorized"));
    }

    @Test
    void api2_aTokenNamingTheAudienceIsAccepted() {
        given().auth().oauth2(HomewardTestStack.tokens().sign(claims())).get("/api/v1/statistics")
                .then().statusCode(200);
    }

    @Test
    void api2_aTokenForAnotherAudienceIsRefused() {
        JwtClaims claims = claims();
        claims.setAudience("another-api");
        refused(claims);
    }

    @Test
    void api2_aTokenWithoutAudienceIsRefused() {
        JwtClaims claims = claims();
        claims.unsetClaim("aud");
        refused(claims);
    }

    @Test
    void api2_aTokenIssuedLongerAgoThanTheBoundIsRefusedThoughNotExpired() {
        JwtClaims claims = claims();
        long now = NumericDate.now().getValue();
        claims.setIssuedAt(NumericDate.fromSeconds(now - Duration.ofHours(25).toSeconds()));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        refused(claims);
    }
}
