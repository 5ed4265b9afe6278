package org.homeward.support.http;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Strict CORS: a browser of another origin is allowed only when {@code quarkus.http.cors.origins} lists its origin.
 * With no origin listed the CORS filter (where a service enables it) allows none, and a service without it sends no
 * CORS headers at all: either way a preflight from an unlisted origin gets no {@code Access-Control-Allow-Origin}.
 * A wildcard origin ({@code *} or a catch-all pattern) together with credentials would let any web page act with a
 * signed-in user's browser; the service refuses to start with it.
 */
@ApplicationScoped
public class CorsGuard {

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> origins;

    @ConfigProperty(name = "quarkus.http.cors.access-control-allow-credentials")
    Optional<Boolean> credentials;

    void check(@Observes StartupEvent start) {
        check(origins.orElse(List.of()), credentials.orElse(false));
    }

    static void check(List<String> origins, boolean credentials) {
        boolean wildcard = origins.stream().map(String::trim)
                .anyMatch(o -> o.equals("*") || o.equals("/.*/") || o.equals("/.+/"));
        if (wildcard && credentials) {
            throw new IllegalStateException("quarkus.http.cors.origins allows every origin while "
                    + "quarkus.http.cors.access-control-allow-credentials is true: list the origins instead");
        }
    }
}
