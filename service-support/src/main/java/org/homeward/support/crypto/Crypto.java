package org.homeward.support.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's {@link FieldCipher} and {@link BlindIndex}, from configuration: {@code homeward.crypto.keys}
 * ({@code id:base64,...}), {@code homeward.crypto.active-key} and {@code homeward.crypto.index-key}. In Kubernetes they
 * come from a Secret (HOMEWARD_CRYPTO_KEYS, HOMEWARD_CRYPTO_ACTIVE_KEY, HOMEWARD_CRYPTO_INDEX_KEY); the local stack
 * generates its own. Created on first use, so a service that stores no personal data needs no keys.
 */
public class Crypto {

    @Produces
    @ApplicationScoped
    FieldCipher fieldCipher() {
        var config = ConfigProvider.getConfig();
        return FieldCipher.of(config.getValue("homeward.crypto.keys", String.class),
                config.getValue("homeward.crypto.active-key", String.class));
    }

    @Produces
    @ApplicationScoped
    BlindIndex blindIndex() {
        return BlindIndex.of(ConfigProvider.getConfig().getValue("homeward.crypto.index-key", String.class));
    }
}
