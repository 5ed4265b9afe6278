package org.homeward.console.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import org.homeward.console.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a proxy that ends TLS (the console sees plain HTTP, as in the Kubernetes manifests), the URLs the console
 * gives the provider are the person's https ones: the sign-in's redirect_uri and the sign-out's
 * post_logout_redirect_uri. The test's browser talks plain HTTP to the console, so it follows them as http.
 */
@QuarkusTest
@TestProfile(OidcStandIn.BehindTlsProxyProfile.class)
class OidcBehindTlsProxyTest {

    @BeforeEach
    void reset() {
        OidcStandIn.PROVIDER.reset();
        OidcStandIn.BEARERS.clear();
    }

    /** Follows redirects as {@link OidcSignInTest.Jar#follow} does, taking the console's https URLs as http. */
    static Response follow(OidcSignInTest.Jar jar, String url) {
        Response answer = jar.get(url);
        for (int hops = 0; hops < 8 && (answer.statusCode() == 302 || answer.statusCode() == 303); hops++) {
            answer = jar.get(answer.getHeader("Location").replace("https://localhost:", "http://localhost:"));
        }
        return answer;
    }

    @Test
    void theProviderIsGivenTheHttpsUrlsOfTheConsole() {
        OidcSignInTest.Jar jar = new OidcSignInTest.Jar();
        Response first = jar.get("/cases");
        Map<String, String> asked = OidcSignInTest.query(first.getHeader("Location"));
        assertTrue(asked.get("redirect_uri").matches("https://localhost:\\d+/oidc/callback"), asked.toString());

        Response page = follow(jar, first.getHeader("Location"));
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals("https", java.net.URI.create(OidcStandIn.PROVIDER.tokenRequests.get(0).get("redirect_uri"))
                .getScheme(), "the code is exchanged with the same redirect_uri");

        Matcher csrf = Browser.CSRF_FIELD.matcher(page.asString());
        assertTrue(csrf.find());
        Response out = jar.post("/sign-out", Map.of("csrf-token", csrf.group(1)));
        assertEquals(303, out.statusCode());
        String back = OidcSignInTest.query(out.getHeader("Location")).get("post_logout_redirect_uri");
        assertTrue(back.matches("https://localhost:\\d+/sign-in\\?signed-out=1"), back);
    }
}
