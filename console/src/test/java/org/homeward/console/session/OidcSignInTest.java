package org.homeward.console.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.homeward.console.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production sign-in, end to end: the console in its {@code prod} profile, configured as an operator does,
 * against {@link StandInProvider} (an OpenID provider on loopback) and the loopback stand-in of the APIs. An
 * anonymous page goes to the provider (code flow with PKCE and a nonce), the callback exchanges the code, the person
 * is signed in with the provider's claims and the console calls the APIs with the provider's access token; no token
 * reaches the browser; sign-out ends the console's, quarkus-oidc's and the provider's sessions; an expired token is
 * refreshed without a detour, and a spent access token sends the person through the provider again.
 */
@QuarkusTest
@TestProfile(OidcStandIn.Profile.class)
class OidcSignInTest {

    static final StandInProvider PROVIDER = OidcStandIn.PROVIDER;
    static final Duration LIFETIME = Duration.ofSeconds(12);
    static final Pattern JWT = Pattern.compile("(eyJ[A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]*\\.");

    /** A browser: its cookies, and every Set-Cookie header, Location and body it was sent by the console. */
    static final class Jar {
        final Map<String, String> cookies = new LinkedHashMap<>();
        final List<String> setCookies = new ArrayList<>();
        final List<String> seen = new ArrayList<>();

        Response take(Response answer) {
            for (Cookie cookie : answer.getDetailedCookies()) {
                if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                    cookies.remove(cookie.getName());
                } else {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
            setCookies.addAll(answer.getHeaders().getValues("Set-Cookie"));
            seen.addAll(answer.getHeaders().getValues("Set-Cookie"));
            seen.addAll(answer.getHeaders().getValues("Location"));
            seen.add(answer.asString());
            return answer;
        }

        /** GET at the console (a path) or the provider (a full URL), carrying the console's cookies there only. */
        Response get(String url) {
            boolean console = !url.startsWith(PROVIDER.issuer());
            // URLs from Location headers are encoded already.
            return take(console ? given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(url)
                    : given().urlEncodingEnabled(false).redirects().follow(false).get(url));
        }

        Response post(String path, Map<String, String> form) {
            return take(given().redirects().follow(false).cookies(cookies).contentType(Browser.FORM)
                    .formParams(form).post(path));
        }

        /** Follows redirects (through the provider too) until a page answers; the answers on the way, in order. */
        List<Response> follow(String url) {
            List<Response> answers = new ArrayList<>();
            Response answer = get(url);
            answers.add(answer);
            for (int hops = 0; hops < 8 && (answer.statusCode() == 302 || answer.statusCode() == 303); hops++) {
                answer = get(answer.getHeader("Location"));
                answers.add(answer);
            }
            return answers;
        }
    }

    static Response last(List<Response> answers) {
        return answers.get(answers.size() - 1);
    }

    static Map<String, String> query(String location) {
        return StandInProvider.params(URI.create(location).getRawQuery());
    }

    /** Signs in through the provider from the case list; the page's answer. */
    static Response signIn(Jar jar) {
        Response page = last(jar.follow("/cases"));
        assertEquals(200, page.statusCode(), page.asString());
        return page;
    }

    /**
     * Neither the grant's tokens nor any signed JWT is in what the browser was sent. (quarkus-oidc's state cookie
     * holds a JWE, encrypted with a key derived from the client secret: the PKCE verifier, not a token.)
     */
    static void assertNoTokenIn(Jar jar, StandInProvider.Grant grant) {
        for (String seen : jar.seen) {
            assertFalse(seen.contains(grant.accessToken()), "the access token reached the browser");
            assertFalse(seen.contains(grant.idToken()), "the ID token reached the browser");
            assertFalse(grant.refreshToken() != null && seen.contains(grant.refreshToken()),
                    "the refresh token reached the browser");
            Matcher jwt = JWT.matcher(seen);
            while (jwt.find()) {
                String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.group(1)),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(header.contains("\"enc\""), "only encrypted state, no signed token: " + header);
            }
        }
    }

    @BeforeEach
    void reset() {
        PROVIDER.reset();
        OidcStandIn.BEARERS.clear();
    }

    @Test
    void anAnonymousPageGoesToTheProviderAndTheCallbackSignsThePersonIn() {
        Jar jar = new Jar();
        Response first = jar.get("/cases");
        assertEquals(302, first.statusCode());
        String authorize = first.getHeader("Location");
        assertTrue(authorize.startsWith(PROVIDER.issuer() + "/authorize?"), authorize);
        Map<String, String> asked = query(authorize);
        assertEquals("code", asked.get("response_type"));
        assertEquals(StandInProvider.CLIENT_ID, asked.get("client_id"));
        assertTrue(asked.get("scope").contains("openid"), asked.toString());
        assertFalse(asked.getOrDefault("state", "").isEmpty(), "a state");
        assertFalse(asked.getOrDefault("nonce", "").isEmpty(), "a nonce");
        assertEquals("S256", asked.get("code_challenge_method"));
        URI callback = URI.create(asked.get("redirect_uri"));
        assertEquals("/oidc/callback", callback.getPath());
        assertEquals("localhost", callback.getHost());
        assertTrue(first.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("q_auth")
                && c.toLowerCase().contains("httponly")), "the state cookie, HttpOnly: " + first.getHeaders());

        // The provider signs the person in and sends the browser back with a code and the same state.
        Response back = jar.get(authorize);
        assertEquals(302, back.statusCode());
        String callbackUrl = back.getHeader("Location");
        assertTrue(callbackUrl.startsWith(asked.get("redirect_uri") + "?code="), callbackUrl);
        assertEquals(asked.get("state"), query(callbackUrl).get("state"));

        // The callback exchanges the code at the token endpoint and returns to the page first asked for.
        Response afterCallback = jar.get(callbackUrl);
        assertEquals(302, afterCallback.statusCode(), afterCallback.asString());
        assertTrue(afterCallback.getHeader("Location").endsWith("/cases"), afterCallback.getHeader("Location"));
        assertEquals(1, PROVIDER.tokenRequests.size());
        Map<String, String> exchange = PROVIDER.tokenRequests.get(0);
        assertEquals("authorization_code", exchange.get("grant_type"));
        assertEquals(query(callbackUrl).get("code"), exchange.get("code"));
        assertEquals(asked.get("redirect_uri"), exchange.get("redirect_uri"));
        assertNotNull(exchange.get("code_verifier"), "PKCE: the verifier goes to the token endpoint only");
        assertFalse(exchange.containsKey("client_secret"), "the secret goes in the Authorization header");

        Response page = jar.get("/cases");
        assertEquals(200, page.statusCode(), page.asString());
        // Sign-out redirects a form's POST to the provider, so form-action names it (browsers check redirects).
        assertEquals(Browser.CSP.replace("form-action 'self'", "form-action 'self' " + PROVIDER.issuer()),
                page.getHeader("Content-Security-Policy"));
        String html = page.asString();
        assertTrue(html.contains("id=\"signed-in-as\""), html);
        assertTrue(html.contains("advocate-1") && html.contains("defector-org"), "the provider's name and org claim");
        assertTrue(html.contains("id=\"alert-count\""), "an advocate by the provider's groups");
        StandInProvider.Grant grant = PROVIDER.lastGrant();
        assertEquals(List.of("Bearer " + grant.accessToken()), OidcStandIn.BEARERS,
                "the console calls the APIs with the provider's access token");

        // Nothing the browser was sent holds a token: no cookie, header or page.
        assertNoTokenIn(jar, grant);
        for (String cookie : jar.setCookies) {
            if (cookie.startsWith("q_session") || cookie.startsWith("homeward_session")) {
                assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("Secure"), cookie);
            }
        }
        assertTrue(jar.setCookies.stream().anyMatch(c -> c.startsWith("homeward_session=")
                && c.contains("SameSite=Strict")), jar.setCookies.toString());
        assertTrue(jar.cookies.containsKey("q_session") && jar.cookies.containsKey("homeward_session"));
        assertFalse(jar.cookies.keySet().stream().anyMatch(n -> n.startsWith("q_auth")), "the state cookie is gone");

        // The next page keeps the session: no new sign-in.
        assertEquals(200, jar.get("/cases").statusCode());
        assertEquals(1, PROVIDER.authorizations.size());
        assertEquals(List.of("Bearer " + grant.accessToken(), "Bearer " + grant.accessToken()),
                OidcStandIn.BEARERS);
    }

    @Test
    void signOutEndsTheSessionsHereAndAtTheProviderWithoutATokenInTheUrl() {
        Jar jar = new Jar();
        Response page = signIn(jar);
        Matcher csrf = Browser.CSRF_FIELD.matcher(page.asString());
        assertTrue(csrf.find());
        Map<String, String> before = new LinkedHashMap<>(jar.cookies);

        Response out = jar.post("/sign-out", Map.of("csrf-token", csrf.group(1)));
        assertEquals(303, out.statusCode());
        String endSession = out.getHeader("Location");
        assertTrue(endSession.startsWith(PROVIDER.issuer() + "/logout?"), endSession);
        Map<String, String> asked = query(endSession);
        assertEquals(StandInProvider.CLIENT_ID, asked.get("client_id"));
        assertFalse(asked.containsKey("id_token_hint"), "no token in a URL");
        assertTrue(asked.get("post_logout_redirect_uri").endsWith("/sign-in?signed-out=1"), asked.toString());
        assertFalse(jar.cookies.containsKey("homeward_session"), "the console's cookie is cleared");
        assertFalse(jar.cookies.containsKey("q_session"), "quarkus-oidc's cookie is cleared");

        Response signedOut = last(jar.follow(endSession));
        assertEquals(200, signedOut.statusCode());
        assertEquals(1, PROVIDER.endSessions.size());
        assertTrue(signedOut.asString().contains("id=\"signed-out\""), signedOut.asString());
        assertTrue(signedOut.asString().contains("id=\"sign-in-again\""));

        // The cookies from before the sign-out open nothing: the page goes to the provider, the APIs are not called.
        int calls = OidcStandIn.BEARERS.size();
        Response replay = given().redirects().follow(false).cookies(before).get("/cases");
        assertEquals(302, replay.statusCode(), replay.getHeaders() + "\n" + replay.asString());
        assertTrue(replay.getHeader("Location").startsWith(PROVIDER.issuer() + "/authorize?"),
                "signed out, the page sends the person to sign in again");
        assertEquals(calls, OidcStandIn.BEARERS.size());
    }

    @Test
    void anExpiredIdTokenIsRefreshedWithoutADetourThroughTheProvider() {
        // Longer than the margin within which the console takes a token for spent (5 s), with room for a slow machine.
        PROVIDER.idTokenLifetime = LIFETIME;
        PROVIDER.accessTokenLifetime = LIFETIME;
        Jar jar = new Jar();
        signIn(jar);
        StandInProvider.Grant first = PROVIDER.lastGrant();
        Instant expiry = Instant.now().plus(LIFETIME);
        Awaitility.await().atMost(LIFETIME.plusSeconds(5)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

        Response page = last(jar.follow("/cases"));
        assertEquals(200, page.statusCode(), page.asString());
        StandInProvider.Grant refreshed = PROVIDER.lastGrant();
        assertEquals("refresh_token", refreshed.grantType(), "the tokens were refreshed");
        assertEquals(first.refreshToken(), PROVIDER.tokenRequests.get(PROVIDER.tokenRequests.size() - 1)
                .get("refresh_token"));
        assertEquals(1, PROVIDER.authorizations.size(), "no second visit to the provider's sign-in");
        assertEquals("Bearer " + refreshed.accessToken(), OidcStandIn.BEARERS.get(OidcStandIn.BEARERS.size() - 1),
                "the APIs get the new access token");
        assertNoTokenIn(jar, first);
        assertNoTokenIn(jar, refreshed);
    }

    @Test
    void aSpentAccessTokenSendsThePersonThroughTheProviderAgain() {
        // A provider whose access tokens expire long before its ID tokens: quarkus-oidc sees a valid ID token.
        PROVIDER.accessTokenLifetime = LIFETIME;
        PROVIDER.refreshTokens = false;
        Jar jar = new Jar();
        signIn(jar);
        String spent = PROVIDER.lastGrant().accessToken();
        Instant expiry = Instant.now().plus(LIFETIME);
        Awaitility.await().atMost(LIFETIME.plusSeconds(5)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

        List<Response> answers = jar.follow("/cases");
        Response page = last(answers);
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals(2, PROVIDER.authorizations.size(), "signed in at the provider again");
        String renewed = PROVIDER.lastGrant().accessToken();
        assertNotEquals(spent, renewed);
        assertEquals(0, OidcStandIn.BEARERS.lastIndexOf("Bearer " + spent),
                "the spent token was used on the first page only, never after it expired");
        assertEquals("Bearer " + renewed, OidcStandIn.BEARERS.get(OidcStandIn.BEARERS.size() - 1));
    }

    @Test
    void anAccountWithoutAnOrganisationIsToldSoAndCanSignOut() {
        PROVIDER.person = new StandInProvider.Person(null, "nobody-1", List.of("caseworker"));
        Jar jar = new Jar();
        List<Response> answers = jar.follow("/cases");
        Response page = last(answers);
        assertEquals(403, page.statusCode(), page.asString());
        assertTrue(page.asString().contains("id=\"sign-in-refused\""), page.asString());
        assertTrue(OidcStandIn.BEARERS.isEmpty(), "no API was called");
        Matcher csrf = Browser.CSRF_FIELD.matcher(page.asString());
        assertTrue(csrf.find());
        Response out = jar.post("/sign-out", Map.of("csrf-token", csrf.group(1)));
        assertEquals(303, out.statusCode());
        assertTrue(out.getHeader("Location").startsWith(PROVIDER.issuer() + "/logout?"), out.getHeader("Location"));
        assertFalse(jar.cookies.containsKey("q_session"));
    }
}
