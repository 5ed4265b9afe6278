package org.homeward.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derived, non-reversible keys for looking up encrypted values: HMAC-SHA-256 under a secret index key, so equal
 * inputs give equal keys (search and duplicate detection keep working) while a database dump alone reveals neither
 * the values nor a dictionary attack's answer without the key. Changing the index key means recomputing every stored
 * key from the decrypted values (see docs/security.md).
 */
public final class BlindIndex {

    private final SecretKeySpec key;

    private BlindIndex(SecretKeySpec key) {
        this.key = key;
    }

    /** An index under a base64 key of at least 32 bytes. */
    public static BlindIndex of(String base64Key) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("homeward.crypto.index-key is not base64");
        }
        if (material.length < 32) {
            throw new IllegalArgumentException("homeward.crypto.index-key must be at least 32 bytes");
        }
        return new BlindIndex(new SecretKeySpec(material, "HmacSHA256"));
    }

    /** The derived key of {@code value} within {@code purpose} (e.g. {@code name-key}); base64url, 43 characters. */
    public String of(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive an index key", e);
        }
    }
}
