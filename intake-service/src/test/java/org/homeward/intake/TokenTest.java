package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import org.homeward.support.identity.CachingJwtParser;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.LocalTokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OWASP API2:2023 broken authentication: every token that is not a valid, current token of the configured issuer for
 * the configured audience, issued within the age bound, is refused with 401, a problem document and {@code WWW-Authenticate: Bearer}, and nothing is published.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class TokenTest {

    private static PrivateKey issuerKey;

    @Inject
    CachingJwtParser parser;

    @BeforeAll
    static void issuerKey() throws Exception {
        HomewardTestStack.tokens();
        String pem = Files.readString(Path.of("target", "test-keys", "jwt-private.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        issuerKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pem)));
    }

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(LocalTokens.ISSUER);
        claims.setAudience(LocalTokens.AUDIENCE);
        claims.setSubject("mallory");
        claims.setClaim("upn", "mallory");
        claims.setClaim(LocalTokens.ORGANISATION_CLAIM, Intake.ORG);
        claims.setStringListClaim("groups", List.of("reporter"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static void refused(String token) {
        var request = given().contentType(ContentType.JSON).body(Intake.OPEN);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.when().post("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://homeward.org/problems/unauthorized"));
    }

    @Test
    void api2_theIssuersOwnTokenIsAccepted() throws Exception {
        given().contentType(ContentType.JSON).body(Intake.OPEN).header("Authorization", "Bearer "
                        + sign(claims(), issuerKey))
                .when().post("/api/v1/cases").then().statusCode(202);
    }

    @Test
    void api2_anExpiredTokenIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 7200));
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 3600));
        refused(sign(claims, issuerKey));
    }

    @Test
    void api2_aTokenForAnotherAudienceIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setAudience("another-api");
        refused(sign(claims, issuerKey));
    }

    @Test
    void api2_aTokenWithoutAudienceIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.unsetClaim("aud");
        refused(sign(claims, issuerKey));
    }

    @Test
    void api2_aTokenIssuedLongerAgoThanTheBoundIsRefusedThoughNotExpired() throws Exception {
        JwtClaims claims = claims();
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuedAt(NumericDate.fromSeconds(now - 25 * 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        refused(sign(claims, issuerKey));
    }

    @Test
    void api2_aTokenOfAnotherIssuerIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuer("https://attacker.example/realms/homeward");
        refused(sign(claims, issuerKey));
    }

    @Test
    void api2_aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        refused(sign(claims(), generator.generateKeyPair().getPrivate()));
    }

    @Test
    void api2_anUnsignedTokenWithAlgNoneIsRefused() throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(claims().toJson().getBytes(StandardCharsets.UTF_8));
        refused(header + "." + payload + ".");
        // the same claims with a valid signature's header but the signature stripped
        String signed = sign(claims(), issuerKey);
        refused(signed.substring(0, signed.lastIndexOf('.') + 1));
    }

    /**
     * Each token is verified once and then remembered ({@code CachingJwtParser}); what is remembered is the whole
     * token text, so the remembered token's signature on other claims is another token, verified and refused.
     */
    @Test
    void api2_aRememberedTokensSignatureDoesNotCarryOverToOtherClaims() throws Exception {
        String token = sign(claims(), issuerKey);
        assertFalse(parser.remembers(token));
        given().contentType(ContentType.JSON).body(Intake.OPEN).header("Authorization", "Bearer " + token)
                .when().post("/api/v1/cases").then().statusCode(202);
        assertTrue(parser.remembers(token), "verified once, then remembered");

        JwtClaims otherOrganisation = claims();
        otherOrganisation.setClaim(LocalTokens.ORGANISATION_CLAIM, "another-organisation");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                otherOrganisation.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(forged);
        assertFalse(parser.remembers(forged), "a refused token is never remembered");

        given().contentType(ContentType.JSON).body(Intake.OPEN).header("Authorization", "Bearer " + token)
                .when().post("/api/v1/cases").then().statusCode(202);
    }

    @Test
    void api2_aMissingOrMalformedTokenIsRefused() {
        refused(null);
        refused("not-a-jwt");
    }
}
