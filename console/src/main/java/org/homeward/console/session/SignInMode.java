package org.homeward.console.session;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How people sign in here: the local sign-in (a private key is configured: the local system only) or OpenID Connect
 * (the production sign-in). Both at once would put a sign-in that trusts what one types beside the real one, so the
 * console refuses to start with both.
 */
@ApplicationScoped
public class SignInMode {

    @ConfigProperty(name = "homeward.console.local-sign-in.private-key")
    Optional<String> localKey;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
    boolean oidcEnabled;

    void check(@Observes StartupEvent started) {
        if (local() && oidc()) {
            throw new IllegalStateException("homeward.console.local-sign-in.private-key is set while OpenID Connect "
                    + "is enabled: the local sign-in exists only on the local system; unset one of them");
        }
    }

    public boolean local() {
        return localKey.filter(k -> !k.isBlank()).isPresent();
    }

    public boolean oidc() {
        return oidcEnabled;
    }
}
