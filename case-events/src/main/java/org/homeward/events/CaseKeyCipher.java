package org.homeward.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing under a case's own key (crypto-shredding): AES-256-GCM, a fresh 96-bit nonce per value, bound by the
 * associated data to where the value belongs, stored as {@code enc:v2:case:<base64(nonce || ciphertext || tag)>}. The
 * same form serves a case's values in a service's database and the {@code data} of its records on {@code case-events}
 * ({@link EventCodec#encodeSealed}): once the case's key is destroyed, none of them opens again.
 */
public final class CaseKeyCipher {

    /** Every value sealed under a case key starts with this. */
    public static final String PREFIX = "enc:v2:case:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaseKeyCipher() {
    }

    /** A new random AES-256 case key. */
    public static SecretKey newKey() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return new SecretKeySpec(material, "AES");
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** {@code plaintext} sealed under {@code key}, bound to {@code context}. */
    public static String seal(SecretKey key, String plaintext, String context) {
        return PREFIX + Base64.getEncoder().encodeToString(
                encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    /** The plaintext of a value sealed under {@code key} for {@code context}; throws when it does not open. */
    public static String open(SecretKey key, String stored, String context) {
        if (!isSealed(stored)) {
            throw new IllegalStateException("not a value sealed under a case key");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed value is not base64");
        }
        return new String(decrypt(key, in, context), StandardCharsets.UTF_8);
    }

    /**
     * AES-GCM with a fresh 96-bit nonce, the associated data {@code context}: {@code nonce || ciphertext || tag}. The
     * one primitive of every sealed form in Homeward (case keys here, the key rings' {@code enc:v1:}).
     */
    public static byte[] encrypt(SecretKey key, byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a value", e);
        }
    }

    /** The plaintext of {@link #encrypt}'s output for the same key and context; throws when it does not open. */
    public static byte[] decrypt(SecretKey key, byte[] in, String context) {
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value does not open (tampered, or sealed for another place)", e);
        }
    }
}
