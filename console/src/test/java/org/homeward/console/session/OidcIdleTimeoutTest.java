package org.homeward.console.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After an OpenID Connect sign-in, the console's idle timeout still ends the session: the next page does not make a
 * new one silently from quarkus-oidc's session (whose tokens are still valid) but sends the person through the
 * provider again. The console runs its production profile with a 5 s idle timeout.
 */
@QuarkusTest
@TestProfile(OidcStandIn.IdleProfile.class)
class OidcIdleTimeoutTest {

    @BeforeEach
    void reset() {
        OidcStandIn.PROVIDER.reset();
        OidcStandIn.BEARERS.clear();
    }

    @Test
    void anIdleSessionSendsThePersonThroughTheProviderAgain() {
        OidcSignInTest.Jar jar = new OidcSignInTest.Jar();
        OidcSignInTest.signIn(jar);
        assertEquals(1, OidcStandIn.PROVIDER.authorizations.size());
        String first = OidcStandIn.PROVIDER.lastGrant().accessToken();
        Instant idle = Instant.now().plusSeconds(6);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(idle));

        Response back = jar.get("/cases");
        assertEquals(303, back.statusCode(), back.asString());
        assertTrue(back.getHeader("Location").endsWith("/cases"), back.getHeader("Location"));
        assertFalse(jar.cookies.containsKey("q_session"), "quarkus-oidc's session is forgotten too");
        assertFalse(jar.cookies.containsKey("homeward_session"));
        int calls = OidcStandIn.BEARERS.size();

        List<Response> answers = jar.follow("/cases");
        assertEquals(302, answers.get(0).statusCode());
        assertTrue(answers.get(0).getHeader("Location").startsWith(OidcStandIn.PROVIDER.issuer() + "/authorize?"));
        assertEquals(200, OidcSignInTest.last(answers).statusCode());
        assertEquals(2, OidcStandIn.PROVIDER.authorizations.size(), "signed in at the provider again");
        assertEquals(calls + 1, OidcStandIn.BEARERS.size());
        assertEquals("Bearer " + OidcStandIn.PROVIDER.lastGrant().accessToken(),
                OidcStandIn.BEARERS.get(OidcStandIn.BEARERS.size() - 1));
        assertFalse(OidcStandIn.BEARERS.subList(1, OidcStandIn.BEARERS.size()).contains("Bearer " + first),
                "the idle session's token was not used again");
    }
}
