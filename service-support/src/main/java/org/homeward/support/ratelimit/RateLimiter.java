package org.homeward.support.ratelimit;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Rate limits per organisation (OWASP API4:2023) on every operation of a service's API: one token bucket per
 * organisation, in the service's database ({@link TokenBuckets}), so that all replicas draw from the same bucket and an
 * organisation's quota is the fleet's, however many replicas serve it. Each request costs one token
 * ({@link RateLimitFilter}); an operation marked {@link CostPerItem} takes one per item itself. A request that finds
 * too few tokens is refused whole with {@code 429 too-many-requests} and {@code Retry-After}, before anything is read,
 * stored or published. Every answer of a counted request carries {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset}: they are put on the HTTP response itself, so that whatever answers sends them (the
 * resource, a problem, or the notification service's live stream, whose answer no response filter sees). The limit is
 * keyed on the verified token's organisation, so it cannot be dodged by changing a header.
 *
 * <p>The statement runs on a pooled connection taken on the request's thread, so that it is bounded like every other
 * read of a request ({@code DatabaseReadTimeouts}): a database that does not answer makes the request answer 503
 * {@code dependency-unavailable}, as any other read would.
 */
@Startup
@ApplicationScoped
public class RateLimiter {

    @Inject
    RateLimits limits;

    @Inject
    CurrentVertxRequest request;

    @Inject
    DataSource database;

    private Quota standard;
    private Map<String, Quota> quotas;

    /** Reads the quotas once, at start: a quota that could never admit anything stops the service there. */
    @PostConstruct
    void readQuotas() {
        standard = new Quota(limits.rate(), limits.burst());
        quotas = limits.organisations().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                own -> new Quota(own.getValue().rate(), own.getValue().burst())));
    }

    /**
     * Takes {@code cost} tokens from the organisation's bucket, or refuses the request with 429. Outside any
     * transaction of the request, so that the tokens stay taken when the request fails afterwards (a refused request
     * counts too: the quota guards the service) and the row is locked for this one statement only.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void take(String organisation, int cost) {
        Quota quota = quotaOf(organisation);
        Decision decision;
        try (Connection connection = database.getConnection()) {
            decision = TokenBuckets.take(connection, organisation, quota, cost);
        } catch (SQLException e) {
            throw new IllegalStateException("The rate limit's statement failed", e);
        }
        RoutingContext answer = request.getCurrent();
        if (answer != null) {
            decision.headers().forEach(answer.response().headers()::set);
        }
        if (!decision.allowed()) {
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "This organisation sent more "
                    + "requests than its quota (" + quota.burst() + " at once, then " + quota.rate() + " a second; a "
                    + "request of several items counts each); nothing was done. Send the request again after "
                    + "Retry-After seconds."), Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds())));
        }
    }

    /** The organisation's own quota if it has one, else the service's. */
    Quota quotaOf(String organisation) {
        return quotas.getOrDefault(organisation, standard);
    }
}
