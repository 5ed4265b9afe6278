package org.homeward.notifications.subscription.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.UUID;
import org.homeward.support.crypto.FieldCipher;
import org.jboss.logging.Logger;

/**
 * How webhook signing secrets are stored: sealed with {@link FieldCipher} (AES-256-GCM, the key id in the stored
 * value), bound to the subscription ({@code subscription:<id>:webhook-secret}), so a database dump or backup does not
 * let anyone forge Homeward's webhook signatures, and a sealed secret copied to another subscription does not open.
 *
 * <p>At startup every stored secret that is still plaintext (written before secrets were sealed) or sealed with a key
 * that is no longer the active one is sealed again under the active key, in batches; the job is idempotent and
 * several replicas may run it at once (each row is rewritten only while it still needs it).
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final String SEALED = "enc:v1:";
    private static final int BATCH = 500;

    @Inject
    FieldCipher cipher;

    @Inject
    EntityManager em;

    static String context(UUID subscriptionId) {
        return "subscription:" + subscriptionId + ":webhook-secret";
    }

    /** The stored form of a new subscription's secret. */
    public String seal(UUID subscriptionId, String secret) {
        return cipher.seal(secret, context(subscriptionId));
    }

    /** The secret of a stored value; a plaintext secret not yet migrated is answered as it is. */
    public String open(UUID subscriptionId, String stored) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored;
        }
        return cipher.open(stored, context(subscriptionId));
    }

    void onStart(@Observes StartupEvent start) {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::resealBatch);
            total += done;
        } while (done == BATCH);
        if (total > 0) {
            LOG.infof("Sealed %d webhook secrets under key %s", total, cipher.activeKeyId());
        }
    }

    /** Seals (again) one batch of the secrets that are plaintext or sealed under an older key; how many. */
    @SuppressWarnings("unchecked")
    public int resealBatch() {
        List<Object[]> rows = em.createNativeQuery("select id, secret from subscriptions where secret is not null"
                        + " and (secret not like 'enc:v1:%' or secret not like ?1) order by id limit " + BATCH
                        + " for update skip locked")
                .setParameter(1, SEALED + cipher.activeKeyId() + ":%")
                .getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            String stored = (String) row[1];
            String sealed = stored.startsWith(SEALED) ? cipher.reseal(stored, context(id)) : seal(id, stored);
            em.createNativeQuery("update subscriptions set secret = ?1 where id = ?2 and secret = ?3")
                    .setParameter(1, sealed).setParameter(2, id).setParameter(3, stored)
                    .executeUpdate();
        }
        return rows.size();
    }
}
