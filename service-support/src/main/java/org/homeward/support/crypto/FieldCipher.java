package org.homeward.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.homeward.events.CaseKeyCipher;

/**
 * Encrypts one field of personal data for storage: AES-256-GCM with a fresh 96-bit nonce per value
 * ({@link CaseKeyCipher#encrypt}), bound by the
 * associated data to where the value belongs (e.g. {@code case:<id>:person}), so a ciphertext copied to another row or
 * column does not open. The stored form names the key it was sealed with, {@code enc:v1:<keyId>:<base64(nonce ||
 * ciphertext || tag)>}, so keys rotate: add a new key to the ring, make it active, and values sealed with an older key
 * still open until {@link #reseal} moved them (see docs/security.md).
 */
public final class FieldCipher {

    private static final String PREFIX = "enc:v1:";

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private FieldCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * A cipher over a key ring written {@code id:base64key,id:base64key} (each key 32 random bytes) that seals with
     * {@code activeKeyId}. Refuses a malformed ring without echoing any key material.
     */
    public static FieldCipher of(String keyRing, String activeKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        if (keyRing != null) {
            for (String entry : keyRing.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("homeward.crypto.keys: each entry is id:base64key");
                }
                String id = trimmed.substring(0, colon);
                if (!id.matches("[A-Za-z0-9._-]+")) {
                    throw new IllegalArgumentException("homeward.crypto.keys: a key id is letters, digits, '.', '_', '-'");
                }
                byte[] material;
                try {
                    material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("homeward.crypto.keys: key " + id + " is not base64");
                }
                if (material.length != 32) {
                    throw new IllegalArgumentException("homeward.crypto.keys: key " + id + " must be 32 bytes (AES-256)");
                }
                if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                    throw new IllegalArgumentException("homeward.crypto.keys: key id " + id + " appears twice");
                }
            }
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("homeward.crypto.active-key names no key of homeward.crypto.keys");
        }
        return new FieldCipher(Map.copyOf(keys), activeKeyId);
    }

    /** A new random AES-256 key, base64: what an operator puts in the key ring. */
    public static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** The stored form of {@code plaintext} under the active key, bound to {@code context}; null stays null. */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] sealed = CaseKeyCipher.encrypt(keys.get(activeKeyId), plaintext.getBytes(StandardCharsets.UTF_8), context);
        return PREFIX + activeKeyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** The plaintext of a stored value sealed for {@code context}, under whichever key of the ring sealed it. */
    public String open(String stored, String context) {
        if (stored == null) {
            return null;
        }
        String keyId = keyIdOf(stored);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("a stored value was sealed with key " + keyId
                    + ", which is not in homeward.crypto.keys; keep retired keys in the ring until resealing finished");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
        return new String(CaseKeyCipher.decrypt(key, in, context), StandardCharsets.UTF_8);
    }

    /** The id of the key a stored value was sealed with. */
    public String keyIdOf(String stored) {
        if (!stored.startsWith(PREFIX) || stored.indexOf(':', PREFIX.length()) < 0) {
            throw new IllegalStateException("not a sealed value");
        }
        return stored.substring(PREFIX.length(), stored.indexOf(':', PREFIX.length()));
    }

    /** Whether a stored value is sealed with the active key (rotation is done for it). */
    public boolean isCurrent(String stored) {
        return stored == null || activeKeyId.equals(keyIdOf(stored));
    }

    /** The value sealed again under the active key: one step of a key rotation. */
    public String reseal(String stored, String context) {
        return isCurrent(stored) ? stored : seal(open(stored, context), context);
    }
}
