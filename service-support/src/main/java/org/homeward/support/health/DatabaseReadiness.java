package org.homeward.support.health;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the service's database answers, and the answer to the probe comes within {@link #BOUND} whatever
 * the database does. Quarkus' own datasource check waits inside the pool for as long as the pool waits: with
 * PostgreSQL paused (SIGSTOP, a partition) a probe was seen hanging until PostgreSQL came back, and a probe that
 * hangs is no answer (Kubernetes counts it as a failure only after its own timeout, and piles probes up). Here the
 * validation (a pooled connection, {@code isValid} within 2 s) runs on a thread of its own and the probe waits for it
 * at most {@link #BOUND}; a validation still running is shared by the probes that come meanwhile, so a hung
 * database never holds more than one thread. Replaces {@code quarkus.datasource.health}, which is off.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    /** The longest a probe waits for the database's answer before it says DOWN. */
    public static final Duration BOUND = Duration.ofSeconds(3);
    static final String NAME = "database";

    @Inject
    Instance<AgroalDataSource> database;

    private final ExecutorService validations = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "database-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Boolean> running;

    @PreDestroy
    void stop() {
        validations.shutdownNow();
    }

    @Override
    public HealthCheckResponse call() {
        if (!database.isResolvable()) {
            return HealthCheckResponse.named(NAME).up().withData("database", "none").build();
        }
        Future<Boolean> validation;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = validations.submit(this::validate);
            }
            validation = running;
        }
        try {
            boolean valid = validation.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).status(valid).build();
        } catch (TimeoutException e) {
            return down("no answer within " + BOUND.toSeconds() + " s");
        } catch (ExecutionException e) {
            return down(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private boolean validate() throws SQLException {
        try (Connection connection = database.get().getConnection()) {
            return connection.isValid(2);
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }
}
