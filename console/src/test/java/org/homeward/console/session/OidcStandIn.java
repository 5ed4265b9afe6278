package org.homeward.console.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * The console's OpenID Connect sign-in under test: a {@link StandInProvider} and the loopback stand-in of the APIs
 * (recording each call's Authorization header), configured through the environment variables an operator sets
 * (docs/console.md), with no local sign-in key. {@link Profile} runs the console in its production profile.
 */
public class OidcStandIn extends StandInApis {

    public static final StandInProvider PROVIDER = new StandInProvider();
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** The Authorization header of each call to the case list, in order. */
    public static final List<String> BEARERS = new CopyOnWriteArrayList<>();

    static final String EMPTY_PAGE = "{\"items\": [], \"page\": 0, \"size\": 20, \"total\": 0}";

    public OidcStandIn() {
        super("oidc-unused-private.pem", REQUESTS, false);
        get("/api/v1/cases", r -> {
            BEARERS.add(r.authorization());
            return Answer.json(EMPTY_PAGE);
        });
        noAlerts();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> apis = super.start();
        try {
            String issuer = PROVIDER.start();
            String url = apis.get("homeward.console.case-url");
            Map<String, String> config = new HashMap<>();
            // What the operator sets (docs/console.md), and nothing else.
            config.put("HOMEWARD_OIDC_URL", issuer);
            config.put("HOMEWARD_OIDC_CLIENT_ID", StandInProvider.CLIENT_ID);
            config.put("HOMEWARD_OIDC_CLIENT_SECRET", StandInProvider.CLIENT_SECRET);
            config.put("HOMEWARD_INTAKE_URL", url);
            config.put("HOMEWARD_CASE_URL", url);
            config.put("HOMEWARD_NOTIFICATION_URL", url);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        PROVIDER.stop();
        super.stop();
    }

    /** The production profile (OpenID Connect on, every page behind it) against the stand-ins. */
    public static class Profile extends StandInApis.Only {
        public Profile() {
            super(OidcStandIn.class);
        }

        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // A free port, as every test of the console.
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    /**
     * The production profile behind a proxy that ends TLS, as the Kubernetes manifests run it
     * ({@code QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME=true}).
     */
    public static class BehindTlsProxyProfile extends Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0", "quarkus.oidc.authentication.force-redirect-https-scheme",
                    "true");
        }
    }

    /** The production profile with a console session that ends after 5 s without use. */
    public static class IdleProfile extends Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0", "homeward.console.session.idle-timeout", "PT5S");
        }
    }
}
