package org.homeward.cases.protection.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CaseKeyCipher;
import org.homeward.support.crypto.FieldCipher;

/**
 * The key of each case (crypto-shredding): a fresh random AES-256 key per case, stored in {@code case_keys} wrapped by
 * the service's key ring ({@link FieldCipher}, context {@code case:<caseId>:key}). The case's personal values are
 * sealed under it ({@link #seal}, stored form {@code enc:v2:case:<base64(nonce || ciphertext || tag)>}, bound to their
 * row and column by the associated data as before). Erasing the case deletes its row ({@link #destroy}): nothing
 * sealed under it opens again, wherever a copy of the value went.
 *
 * <p>Keys are cached briefly in memory (bounded, {@code homeward.crypto.case-keys.cache-size} entries for
 * {@code homeward.crypto.case-keys.cache-ttl}), only once the row that holds them is committed: a key created in a
 * transaction that rolls back is never used again. An erasure evicts its key at once and again when it commits.
 */
@ApplicationScoped
public class CaseKeys {

    /** Every value sealed under a case key starts with this. */
    public static final String PREFIX = CaseKeyCipher.PREFIX;

    @Inject
    EntityManager em;

    @Inject
    FieldCipher ring;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "homeward.crypto.case-keys.cache-size", defaultValue = "10000")
    int cacheSize;

    @ConfigProperty(name = "homeward.crypto.case-keys.cache-ttl", defaultValue = "PT5M")
    Duration cacheTtl;

    private record Cached(SecretKey key, long expiresAt) {
    }

    private final LinkedHashMap<UUID, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
            return size() > cacheSize;
        }
    };

    /** A case's key was destroyed (the case was erased), or is asked for a case that was erased. */
    public static final class Destroyed extends IllegalStateException {

        public Destroyed(UUID caseId) {
            super("the key of case " + caseId + " was destroyed: the case was erased");
        }
    }

    /** The context a case's key is wrapped under. */
    public static String context(UUID caseId) {
        return "case:" + caseId + ":key";
    }

    public static boolean isCaseSealed(String stored) {
        return CaseKeyCipher.isSealed(stored);
    }

    /**
     * The key to seal the case's values with, in the caller's transaction: its existing key, or a new one (stored in
     * the same transaction). Throws {@link Destroyed} for a case that was erased: no key is ever made for it again.
     */
    public SecretKey forSealing(UUID caseId) {
        SecretKey key = known(caseId);
        if (key != null) {
            return key;
        }
        Optional<SecretKey> stored = load(caseId);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] material = CaseKeyCipher.newKey().getEncoded();
        int created = em.createNativeQuery("insert into case_keys (case_id, wrapped) select ?1, ?2 where not exists "
                        + "(select 1 from cases where case_id = ?1 and state = 'ERASED') on conflict (case_id) do nothing")
                .setParameter(1, caseId).setParameter(2, wrap(ring, caseId, material)).executeUpdate();
        if (created == 0) {
            // Another transaction made it meanwhile (and committed: the insert waited for it), or the case is erased.
            return load(caseId).orElseThrow(() -> new Destroyed(caseId));
        }
        SecretKey made = new SecretKeySpec(material, "AES");
        pending(caseId, made);
        return made;
    }

    /** The key to open the case's values with; empty when it was destroyed (or the case never had one). */
    public Optional<SecretKey> forOpening(UUID caseId) {
        SecretKey key = known(caseId);
        return key != null ? Optional.of(key) : load(caseId);
    }

    /**
     * Destroys the case's key in the caller's transaction, and forgets it here; answers whether there was one. Other
     * replicas may hold it in memory until their cache entry expires; every read of an erased case is refused by its
     * state before anything is opened.
     */
    public boolean destroy(UUID caseId) {
        forget(caseId);
        int deleted = em.createNativeQuery("delete from case_keys where case_id = ?1").setParameter(1, caseId)
                .executeUpdate();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new AfterCommit(() -> forget(caseId)));
        }
        return deleted > 0;
    }

    /** Seals {@code plaintext} under the case's key for {@code context}; null stays null. */
    public String seal(UUID caseId, String plaintext, String context) {
        return plaintext == null ? null : CaseKeyCipher.seal(forSealing(caseId), plaintext, context);
    }

    /** Opens a value sealed under the case's key; throws {@link Destroyed} when the key is gone. */
    public String open(UUID caseId, String stored, String context) {
        if (stored == null) {
            return null;
        }
        return CaseKeyCipher.open(forOpening(caseId).orElseThrow(() -> new Destroyed(caseId)), stored, context);
    }

    // --- without the service's beans: for KeyRotation, which works on a connection and a ring given to it ---

    /**
     * The case's key over a plain connection, in its transaction: the stored one, or a new one stored now. Empty for a
     * case that was erased.
     */
    static Optional<SecretKey> forSealing(Connection db, FieldCipher ring, UUID caseId) throws SQLException {
        Optional<SecretKey> stored = load(db, ring, caseId);
        if (stored.isPresent()) {
            return stored;
        }
        byte[] material = CaseKeyCipher.newKey().getEncoded();
        try (PreparedStatement insert = db.prepareStatement("insert into case_keys (case_id, wrapped) select ?, ? "
                + "where not exists (select 1 from cases where case_id = ? and state = 'ERASED') "
                + "on conflict (case_id) do nothing")) {
            insert.setObject(1, caseId);
            insert.setString(2, wrap(ring, caseId, material));
            insert.setObject(3, caseId);
            if (insert.executeUpdate() == 1) {
                return Optional.of(new SecretKeySpec(material, "AES"));
            }
        }
        return load(db, ring, caseId);
    }

    static Optional<SecretKey> load(Connection db, FieldCipher ring, UUID caseId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select wrapped from case_keys where case_id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(unwrap(ring, caseId, rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The stored form of a case key: wrapped by the ring, bound to its case. */
    static String wrap(FieldCipher ring, UUID caseId, byte[] material) {
        return ring.seal(Base64.getEncoder().encodeToString(material), context(caseId));
    }

    static SecretKey unwrap(FieldCipher ring, UUID caseId, String wrapped) {
        return new SecretKeySpec(Base64.getDecoder().decode(ring.open(wrapped, context(caseId))), "AES");
    }

    // --- the cache ---

    private final Object pendingKey = new Object();

    /** A key this transaction made, or a committed one from the cache. */
    private SecretKey known(UUID caseId) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            @SuppressWarnings("unchecked")
            Map<UUID, SecretKey> made = (Map<UUID, SecretKey>) transactions.getResource(pendingKey);
            if (made != null && made.containsKey(caseId)) {
                return made.get(caseId);
            }
        }
        synchronized (cache) {
            Cached cached = cache.get(caseId);
            if (cached == null) {
                return null;
            }
            if (System.nanoTime() - cached.expiresAt() > 0) {
                cache.remove(caseId);
                return null;
            }
            return cached.key();
        }
    }

    /** The stored key: committed (rows this transaction made are known before), so it may be cached. */
    private Optional<SecretKey> load(UUID caseId) {
        List<?> rows = em.createNativeQuery("select wrapped from case_keys where case_id = ?1").setParameter(1, caseId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        SecretKey key = unwrap(ring, caseId, (String) rows.get(0));
        remember(caseId, key);
        return Optional.of(key);
    }

    /** A key made in the current transaction: usable in it, cached only once it commits. */
    private void pending(UUID caseId, SecretKey key) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return; // no transaction: the insert committed by itself
        }
        @SuppressWarnings("unchecked")
        Map<UUID, SecretKey> made = (Map<UUID, SecretKey>) transactions.getResource(pendingKey);
        if (made == null) {
            made = new LinkedHashMap<>();
            transactions.putResource(pendingKey, made);
            Map<UUID, SecretKey> committed = made;
            transactions.registerInterposedSynchronization(new AfterCommit(() -> committed.forEach(this::remember)));
        }
        made.put(caseId, key);
    }

    private void remember(UUID caseId, SecretKey key) {
        synchronized (cache) {
            cache.put(caseId, new Cached(key, System.nanoTime() + cacheTtl.toNanos()));
        }
    }

    private void forget(UUID caseId) {
        synchronized (cache) {
            cache.remove(caseId);
        }
    }

    /** Runs an action once the transaction committed; nothing when it rolled back. */
    private record AfterCommit(Runnable action) implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                action.run();
            }
        }
    }
}
