package org.homeward.support.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final String OLD = FieldCipher.newKey();
    private static final String NEW = FieldCipher.newKey();

    @Test
    void aSealedValueOpensOnlyInItsPlaceAndShowsNoPlaintext() {
        FieldCipher cipher = FieldCipher.of("k1:" + OLD, "k1");
        String sealed = cipher.seal("리광철", "case:1:person");
        assertFalse(sealed.contains("리광철"));
        assertTrue(sealed.startsWith("enc:v1:k1:"));
        assertNotEquals(sealed, cipher.seal("리광철", "case:1:person"), "a fresh nonce every time");
        assertEquals("리광철", cipher.open(sealed, "case:1:person"));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "case:2:person"),
                "a ciphertext copied to another case does not open");
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(IllegalStateException.class, () -> cipher.open(tampered, "case:1:person"));
    }

    @Test
    void keysRotateWithoutLosingOldValues() {
        FieldCipher before = FieldCipher.of("k1:" + OLD, "k1");
        String sealedWithOld = before.seal("Kursk oblast", "case:1:place");

        FieldCipher during = FieldCipher.of("k1:" + OLD + ",k2:" + NEW, "k2");
        assertEquals("Kursk oblast", during.open(sealedWithOld, "case:1:place"), "old values still open");
        assertFalse(during.isCurrent(sealedWithOld));
        String resealed = during.reseal(sealedWithOld, "case:1:place");
        assertEquals("k2", during.keyIdOf(resealed));
        assertTrue(during.isCurrent(resealed));

        FieldCipher after = FieldCipher.of("k2:" + NEW, "k2");
        assertEquals("Kursk oblast", after.open(resealed, "case:1:place"), "the retired key is no longer needed");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> after.open(sealedWithOld, "case:1:place"));
        assertTrue(missing.getMessage().contains("k1"));
    }

    @Test
    void aBadKeyRingIsRefusedWithoutEchoingKeys() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.of("k1:c2hvcnQ=", "k1"));
        assertFalse(shortKey.getMessage().contains("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> FieldCipher.of("k1:" + OLD, "k2"));
        assertThrows(IllegalArgumentException.class, () -> FieldCipher.of("k1:" + OLD + ",k1:" + NEW, "k1"));
    }

    @Test
    void blindIndexKeysAreStableSecretAndPurposeBound() {
        BlindIndex index = BlindIndex.of(OLD);
        assertEquals(index.of("name", "ri gwang cheol"), index.of("name", "ri gwang cheol"));
        assertNotEquals(index.of("name", "ri gwang cheol"), index.of("place", "ri gwang cheol"));
        assertNotEquals(index.of("name", "ri gwang cheol"), BlindIndex.of(NEW).of("name", "ri gwang cheol"));
        assertEquals(43, index.of("name", "x").length());
    }
}
