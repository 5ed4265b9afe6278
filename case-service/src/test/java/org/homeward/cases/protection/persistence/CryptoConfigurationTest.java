package org.homeward.cases.protection.persistence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.homeward.support.crypto.FieldCipher;
import org.junit.jupiter.api.Test;

/** The service refuses to start without usable keys, and says which setting is wrong without echoing key material. */
class CryptoConfigurationTest {

    private static final String KEY = FieldCipher.newKey();
    private static final String INDEX_KEY = FieldCipher.newKey();

    @Test
    void completeKeysPass() {
        assertDoesNotThrow(() -> CryptoConfiguration.check(config(Map.of("homeward.crypto.keys", "k1:" + KEY,
                "homeward.crypto.active-key", "k1", "homeward.crypto.index-key", INDEX_KEY))));
    }

    @Test
    void aMissingSettingNamesItsEnvironmentVariable() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> CryptoConfiguration.check(
                config(Map.of("homeward.crypto.active-key", "k1", "homeward.crypto.index-key", INDEX_KEY))));
        assertTrue(missing.getMessage().contains("homeward.crypto.keys"));
        assertTrue(missing.getMessage().contains("HOMEWARD_CRYPTO_KEYS"));
        assertFalse(missing.getMessage().contains(INDEX_KEY));

        // An empty environment variable (the configuration's default) is missing too.
        Map<String, String> empty = new HashMap<>(Map.of("homeward.crypto.keys", "k1:" + KEY,
                "homeward.crypto.active-key", "k1", "homeward.crypto.index-key", ""));
        IllegalStateException blank = assertThrows(IllegalStateException.class,
                () -> CryptoConfiguration.check(config(empty)));
        assertTrue(blank.getMessage().contains("HOMEWARD_CRYPTO_INDEX_KEY"));
    }

    @Test
    void aMalformedRingFailsWithoutEchoingKeyMaterial() {
        String shortKey = KEY.substring(0, 20);
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> CryptoConfiguration.check(config(Map.of("homeward.crypto.keys", "k1:" + shortKey,
                        "homeward.crypto.active-key", "k1", "homeward.crypto.index-key", INDEX_KEY))));
        assertFalse(malformed.getMessage().contains(shortKey));
        IllegalArgumentException wrongActive = assertThrows(IllegalArgumentException.class,
                () -> CryptoConfiguration.check(config(Map.of("homeward.crypto.keys", "k1:" + KEY,
                        "homeward.crypto.active-key", "k2", "homeward.crypto.index-key", INDEX_KEY))));
        assertFalse(wrongActive.getMessage().contains(KEY));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
