package org.homeward.console.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session cookie {@code homeward_session}: HttpOnly, SameSite=Strict, Path=/, Secure unless
 * {@code homeward.console.secure-cookies=false} (local and tests only). No Max-Age: it ends with the browser, and the
 * server ends the session itself.
 */
@ApplicationScoped
public class SessionCookies {

    public static final String NAME = "homeward_session";

    @ConfigProperty(name = "homeward.console.secure-cookies", defaultValue = "true")
    boolean secure;

    public NewCookie of(Session session) {
        return base(session.id()).build();
    }

    public NewCookie cleared() {
        return base("").maxAge(0).build();
    }

    /** Clears quarkus-oidc's session cookie (its tokens are forgotten on the server as well). */
    public NewCookie clearedOidc() {
        return new NewCookie.Builder("q_session").value("").path("/").maxAge(0).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private NewCookie.Builder base(String value) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
