package org.homeward.support.http;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how long one database read may block, by who is waiting. A PostgreSQL that stops answering without closing
 * its connections (paused, partitioned, stuck) leaves a JDBC read blocked until the socket times out; nothing else can
 * interrupt it (a transaction timeout cannot). So every connection the pool hands out gets a network timeout
 * ({@link Connection#setNetworkTimeout}, pgjdbc's socket read timeout):
 * <ul>
 * <li>{@code homeward.db.request-read-timeout} (5 s) while serving an HTTP request: a request then fails within that
 * bound, and {@code ProblemMappers} answers it 503 {@code dependency-unavailable};</li>
 * <li>{@code homeward.db.read-timeout} (60 s) everywhere else (consumers, background loops, migrations at start),
 * where one statement legitimately takes longer (a batch of a key rotation, a case derived again from thousands of
 * events), and where a hung read must still end some time.</li>
 * </ul>
 * The bound is per read, not per transaction: long work made of many statements is never cut. Every statement of this
 * code base answers in milliseconds; docs/reliability.md ("Bounded answers") gives the figures.
 */
@ApplicationScoped
public class DatabaseReadTimeouts implements AgroalPoolInterceptor {

    @ConfigProperty(name = "homeward.db.request-read-timeout", defaultValue = "PT5S")
    Duration requestReadTimeout;

    @ConfigProperty(name = "homeward.db.read-timeout", defaultValue = "PT60S")
    Duration readTimeout;

    @Override
    public void onConnectionAcquire(Connection connection) {
        Duration timeout = servingHttpRequest() ? requestReadTimeout : readTimeout;
        try {
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (SQLException e) {
            // A closed connection: its first use fails on its own and the pool replaces it.
        }
    }

    /** True on a thread that serves a REST request (Quarkus REST sets the current Vert.x request there). */
    static boolean servingHttpRequest() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return false;
        }
        InstanceHandle<CurrentVertxRequest> request = container.instance(CurrentVertxRequest.class);
        return request.isAvailable() && request.get().getCurrent() != null;
    }
}
