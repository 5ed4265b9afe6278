package org.homeward.cases.lifecycle.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;

/**
 * At start-up, derives again every case stored under older rules than {@link Derivation#VERSION} (every case stored
 * before derivation by occurredAt, after the migration that introduced it), one case per transaction, in the
 * background. A case that takes an event meanwhile is derived by that event; nothing already recorded is lost, and a
 * case whose state or conflicts change announces it ({@link CaseLedger#rederive}).
 */
@ApplicationScoped
public class Rederivation {

    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    CaseLedger ledger;

    @Inject
    BackgroundLoops loops;

    private BackgroundLoop pass;

    void start(@Observes StartupEvent startup) {
        pass = loops.untilDone("rederivation", this::runBatch, this::pendingCases);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (pass != null) {
            pass.stop();
        }
    }

    /** Derives a batch of out-of-date cases again; answers how many were brought up to date. */
    public int runBatch() {
        List<UUID> ids = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "select caseId from CaseRecord where derivationVersion is null or derivationVersion <> :v",
                        UUID.class)
                .setParameter("v", Derivation.VERSION).setMaxResults(BATCH).getResultList());
        ids.forEach(ledger::rederive);
        return ids.size();
    }

    /** How many cases are still derived under older rules. */
    public long pendingCases() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "select count(*) from CaseRecord where derivationVersion is null or derivationVersion <> :v",
                        Long.class)
                .setParameter("v", Derivation.VERSION).getSingleResult());
    }
}
