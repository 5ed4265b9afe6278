package org.homeward.intake.batch.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;

/**
 * The bulk operations are named like Google's custom methods ({@code /api/v1/events:batch},
 * {@code /api/v1/cases:import}). Some HTTP clients percent-encode the colon ({@code events%3Abatch}); both spellings
 * reach the same operation.
 */
@ApplicationScoped
public class ColonPaths {

    private static final Map<String, String> ENCODED = Map.of(
            "/api/v1/events%3abatch", "/api/v1/events:batch",
            "/api/v1/cases%3aimport", "/api/v1/cases:import");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String path = context.request().path();
            String decoded = path == null || path.indexOf('%') < 0 ? null
                    : ENCODED.get(path.toLowerCase(Locale.ROOT));
            if (decoded != null) {
                context.reroute(decoded);
            } else {
                context.next();
            }
        });
    }
}
