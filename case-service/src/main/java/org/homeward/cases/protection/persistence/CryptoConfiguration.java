package org.homeward.cases.protection.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Inject;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.homeward.support.crypto.BlindIndex;
import org.homeward.support.crypto.FieldCipher;

/**
 * Refuses to start without usable keys, before the service takes any event: the case service stores personal data
 * only sealed. The messages name the missing or malformed setting and its environment variable, never key material.
 */
@ApplicationScoped
public class CryptoConfiguration {

    /** Each setting and the environment variable it comes from in production. */
    static final List<String[]> SETTINGS = List.of(
            new String[] {"homeward.crypto.keys", "HOMEWARD_CRYPTO_KEYS", "the key ring, id:base64key,..."},
            new String[] {"homeward.crypto.active-key", "HOMEWARD_CRYPTO_ACTIVE_KEY", "the id of the key that seals"},
            new String[] {"homeward.crypto.index-key", "HOMEWARD_CRYPTO_INDEX_KEY", "the base64 search-key key"});

    @Inject
    CaseEventKeyRing eventKeyRing;

    void check(@Observes @Priority(1) StartupEvent startup) {
        check(ConfigProvider.getConfig());
        eventKeyRing.verify(); // the case-events key ring too: without it no event of case-events opens
    }

    /** Throws, naming the setting, when a key setting is missing or malformed. */
    static void check(Config config) {
        for (String[] setting : SETTINGS) {
            String value;
            try {
                value = config.getOptionalValue(setting[0], String.class).orElse(null);
            } catch (NoSuchElementException | IllegalArgumentException unresolved) {
                value = null;
            }
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Encryption at rest is not configured: " + setting[0] + " (" + setting[2]
                        + ") is missing; set " + setting[1]);
            }
        }
        // Malformed values fail here, with messages that name the setting and never echo the key material.
        FieldCipher.of(config.getValue("homeward.crypto.keys", String.class),
                config.getValue("homeward.crypto.active-key", String.class));
        BlindIndex.of(config.getValue("homeward.crypto.index-key", String.class));
    }
}
