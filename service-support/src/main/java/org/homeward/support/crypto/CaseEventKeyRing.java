package org.homeward.support.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.events.CaseKeyRecord;

/**
 * The case-events key ring, shared by intake-service (which seals each case's events on Kafka under a key of the case)
 * and the case service (which opens them), and by no other service: it wraps the case keys that travel on the
 * compacted topic {@code case-keys} ({@link CaseKeyRecord}). Configured as {@code homeward.crypto.event-keys}
 * ({@code id:base64,...}, from HOMEWARD_CRYPTO_EVENT_KEYS) and {@code homeward.crypto.event-active-key}; a key ring
 * like the one at rest ({@link FieldCipher}), so it rotates the same way. Read on first use.
 */
@ApplicationScoped
public class CaseEventKeyRing {

    private volatile FieldCipher ring;

    /** The ring of the service's configuration, read on first use. */
    public CaseEventKeyRing() {
    }

    private CaseEventKeyRing(FieldCipher ring) {
        this.ring = ring;
    }

    /**
     * A ring from its settings ({@code id:base64key,...} and the id that wraps): throws, naming the settings and their
     * environment variables and never echoing key material, when they are missing or malformed.
     */
    public static CaseEventKeyRing of(String keys, String activeKey) {
        try {
            return new CaseEventKeyRing(FieldCipher.of(keys, activeKey));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The case-events key ring is missing or malformed (homeward.crypto.event-keys "
                    + "and homeward.crypto.event-active-key; set HOMEWARD_CRYPTO_EVENT_KEYS and "
                    + "HOMEWARD_CRYPTO_EVENT_ACTIVE_KEY): " + e.getMessage().replace("homeward.crypto.", "homeward.crypto.event-"));
        }
    }

    private FieldCipher ring() {
        FieldCipher cipher = ring;
        if (cipher == null) {
            var config = ConfigProvider.getConfig();
            cipher = of(config.getOptionalValue("homeward.crypto.event-keys", String.class).orElse(""),
                    config.getOptionalValue("homeward.crypto.event-active-key", String.class).orElse("")).ring;
            ring = cipher;
        }
        return cipher;
    }

    /** Reads the ring now: throws, naming the setting, when it is missing or malformed (call at start-up). */
    public void verify() {
        ring();
    }

    /** The case's key as it travels on {@code case-keys}: wrapped by the ring, bound to its case. */
    public String wrap(UUID caseId, SecretKey key) {
        return ring().seal(Base64.getEncoder().encodeToString(key.getEncoded()), CaseKeyRecord.context(caseId));
    }

    /** The case's key from its wrapped form; throws when it does not open (another ring, or moved to another case). */
    public SecretKey unwrap(UUID caseId, String wrapped) {
        return new SecretKeySpec(Base64.getDecoder().decode(ring().open(wrapped, CaseKeyRecord.context(caseId))), "AES");
    }

    /** The id of the ring's key that wraps new keys. */
    public String activeKeyId() {
        return ring().activeKeyId();
    }

    /** Whether a wrapped key is wrapped by the ring's active key (a rotation re-publishes the others). */
    public boolean isCurrent(String wrapped) {
        return ring().isCurrent(wrapped);
    }
}
