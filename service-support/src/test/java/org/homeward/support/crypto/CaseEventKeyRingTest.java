package org.homeward.support.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import javax.crypto.SecretKey;
import org.homeward.events.CaseKeyCipher;
import org.junit.jupiter.api.Test;

/** The case-events key ring wraps a case's key for case-keys, bound to its case, and refuses to run unconfigured. */
class CaseEventKeyRingTest {

    private static final String KEY = FieldCipher.newKey();

    @Test
    void aWrappedKeyOpensForItsCaseOnlyAndShowsNoKeyMaterial() {
        CaseEventKeyRing ring = CaseEventKeyRing.of("e1:" + KEY, "e1");
        UUID caseId = UUID.randomUUID();
        SecretKey key = CaseKeyCipher.newKey();

        String wrapped = ring.wrap(caseId, key);

        assertTrue(wrapped.startsWith("enc:v1:e1:"));
        assertFalse(wrapped.contains(java.util.Base64.getEncoder().encodeToString(key.getEncoded())));
        assertArrayEquals(key.getEncoded(), ring.unwrap(caseId, wrapped).getEncoded());
        assertThrows(IllegalStateException.class, () -> ring.unwrap(UUID.randomUUID(), wrapped),
                "moved to another case, it does not open");
        assertThrows(IllegalStateException.class,
                () -> CaseEventKeyRing.of("e2:" + FieldCipher.newKey(), "e2").unwrap(caseId, wrapped),
                "another ring does not open it");
        assertTrue(ring.isCurrent(wrapped));
    }

    @Test
    void aMissingOrMalformedRingNamesItsSettingsAndNoKeyMaterial() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> CaseEventKeyRing.of("", ""));
        assertTrue(missing.getMessage().contains("HOMEWARD_CRYPTO_EVENT_KEYS"), missing.getMessage());
        String shortKey = KEY.substring(0, 20);
        IllegalStateException malformed = assertThrows(IllegalStateException.class,
                () -> CaseEventKeyRing.of("e1:" + shortKey, "e1"));
        assertFalse(malformed.getMessage().contains(shortKey));
        assertTrue(malformed.getMessage().contains("homeward.crypto.event-keys"), malformed.getMessage());
    }
}
