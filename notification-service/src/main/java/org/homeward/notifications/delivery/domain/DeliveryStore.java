package org.homeward.notifications.delivery.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.notifications.subscription.domain.Channel;

/**
 * The delivery engine's database work, in short transactions of its own (never held open across an HTTP call).
 *
 * <p>Claiming: due PENDING rows are locked {@code FOR UPDATE SKIP LOCKED}, so replicas claiming at the same time take
 * different rows, and leased: {@code next_attempt_at} moves to the end of the lease and a fresh claim token is set. A
 * replica that dies mid-attempt leaves the row to become due again when the lease ends. Recording an attempt only
 * changes the row while the claim token is still the worker's, so a cancelled or re-claimed delivery is not
 * overwritten.
 */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    AgroalDataSource dataSource;

    /** What one replica's engine is doing: in-flight attempts per subscription. */
    public record Claim(int wanted, int perSubscription, Map<UUID, Integer> inFlight, Duration lease) {
    }

    public List<ClaimedDelivery> claim(Claim claim) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ClaimedDelivery> claimed = claim(c, claim);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<ClaimedDelivery> claim(Connection c, Claim claim) throws SQLException {
        // Fairness: at most perSubscription due rows of any one subscription are considered, so a subscription with a
        // large backlog (a receiver that was down) cannot crowd out the others.
        List<UUID> chosen = new ArrayList<>();
        Map<UUID, Integer> taking = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select d.id, d.subscription_id from ("
                + " select id, next_attempt_at, row_number() over (partition by subscription_id"
                + " order by next_attempt_at, id) as rn from deliveries"
                + " where status = 'PENDING' and next_attempt_at <= now()) due"
                + " join deliveries d on d.id = due.id"
                + " where due.rn <= ? and d.status = 'PENDING' and d.next_attempt_at <= now()"
                + " order by due.next_attempt_at, due.id limit ? for update of d skip locked")) {
            select.setInt(1, claim.perSubscription());
            select.setInt(2, claim.wanted() * 4);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && chosen.size() < claim.wanted()) {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID subscription = rs.getObject(2, UUID.class);
                    int busy = claim.inFlight().getOrDefault(subscription, 0) + taking.getOrDefault(subscription, 0);
                    if (busy < claim.perSubscription()) {
                        chosen.add(id);
                        taking.merge(subscription, 1, Integer::sum);
                    }
                }
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        UUID token = UUID.randomUUID();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        try (PreparedStatement lease = c.prepareStatement("update deliveries d set claim_token = ?,"
                + " lease_until = now() + ? * interval '1 millisecond',"
                + " next_attempt_at = now() + ? * interval '1 millisecond'"
                + " from subscriptions s where s.id = d.subscription_id and d.id = any(?)"
                + " returning d.id, d.notification_id, d.subscription_id, d.channel, s.target, s.secret, d.payload,"
                + " d.attempts, d.series_attempts")) {
            lease.setObject(1, token);
            lease.setLong(2, claim.lease().toMillis());
            lease.setLong(3, claim.lease().toMillis());
            lease.setArray(4, c.createArrayOf("uuid", chosen.toArray()));
            try (ResultSet rs = lease.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), Channel.valueOf(rs.getString(4)), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), token));
                }
            }
        }
        return claimed;
    }

    /** What happens to the delivery after an attempt. */
    public record Decision(String status, Optional<Duration> nextAttemptIn) {
    }

    /** Records the attempt and its consequence; false when the worker's claim was gone (cancelled or re-claimed). */
    public boolean record(ClaimedDelivery d, Instant startedAt, Duration took, AttemptResult result, Decision decision)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Integer attempt = null;
                try (PreparedStatement update = c.prepareStatement("update deliveries set"
                        + " attempts = attempts + 1, series_attempts = series_attempts + 1, status = ?,"
                        + " next_attempt_at = case when ? then now() + ? * interval '1 millisecond'"
                        + " else next_attempt_at end,"
                        + " claim_token = null, lease_until = null, last_attempt_at = ?, last_error = ?,"
                        + " delivered_at = case when ? = 'DELIVERED' then now() else delivered_at end,"
                        + " dead_at = case when ? = 'DEAD' then now() else dead_at end"
                        + " where id = ? and claim_token = ? returning attempts")) {
                    long next = decision.nextAttemptIn().map(Duration::toMillis).orElse(0L);
                    update.setString(1, decision.status());
                    update.setBoolean(2, decision.nextAttemptIn().isPresent());
                    update.setLong(3, next);
                    update.setTimestamp(4, Timestamp.from(startedAt));
                    update.setString(5, result.error());
                    update.setString(6, decision.status());
                    update.setString(7, decision.status());
                    update.setObject(8, d.id());
                    update.setObject(9, d.claimToken());
                    try (ResultSet rs = update.executeQuery()) {
                        if (rs.next()) {
                            attempt = rs.getInt(1);
                        }
                    }
                }
                String outcome = "PENDING".equals(decision.status()) ? "RETRY" : decision.status();
                try (PreparedStatement insert = c.prepareStatement("insert into delivery_attempts (delivery_id,"
                        + " attempt, started_at, duration_ms, outcome, status_code, error, next_attempt_at)"
                        + " values (?, coalesce(?, (select coalesce(max(attempt), 0) + 1 from delivery_attempts"
                        + " where delivery_id = ?)), ?, ?, ?, ?, ?,"
                        + " case when ? then now() + ? * interval '1 millisecond' end)"
                        + " on conflict (delivery_id, attempt) do nothing")) {
                    insert.setObject(1, d.id());
                    if (attempt == null) {
                        insert.setNull(2, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(2, attempt);
                    }
                    insert.setObject(3, d.id());
                    insert.setTimestamp(4, Timestamp.from(startedAt));
                    insert.setInt(5, (int) Math.min(Integer.MAX_VALUE, took.toMillis()));
                    insert.setString(6, outcome);
                    if (result.statusCode() == null) {
                        insert.setNull(7, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(7, result.statusCode());
                    }
                    insert.setString(8, result.error());
                    insert.setBoolean(9, decision.nextAttemptIn().isPresent() && attempt != null);
                    insert.setLong(10, decision.nextAttemptIn().map(Duration::toMillis).orElse(0L));
                    insert.executeUpdate();
                }
                c.commit();
                return attempt != null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
