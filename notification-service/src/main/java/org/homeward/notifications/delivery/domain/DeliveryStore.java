package org.homeward.notifications.delivery.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.notifications.subscription.domain.WebhookSecrets;
import org.jboss.logging.Logger;

/**
 * The delivery engine's database work, in short transactions of its own (never held open across an HTTP call).
 *
 * <p>Claiming: due PENDING rows are locked {@code FOR UPDATE SKIP LOCKED}, so replicas claiming at the same time take
 * different rows, and leased: {@code next_attempt_at} moves to the end of the lease and a fresh claim token is set.
 * Recording an attempt only changes the row while the claim token is still the worker's, so a cancelled or replayed
 * delivery is not overwritten.
 *
 * <p>One {@code webhook-id} (one {@code Message-ID}) per delivery, never lost: before an attempt sends anything,
 * {@link #markStarted} commits its start on the row (and renews the lease from that moment). A row that becomes due
 * again with a start still on it had an attempt whose outcome nobody recorded: the replica died mid-attempt, or could
 * not record the outcome within the lease. Nobody knows whether the receiver got it, and a lost alert is the worse
 * harm: claiming records that attempt with outcome {@code UNKNOWN} and sends the delivery again, with the same
 * {@code webhook-id} and {@code Message-ID}, so a receiver that already has it drops the copy. If the replica that made
 * the attempt still lives and records the real outcome later, it replaces {@code UNKNOWN} in the history.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);
    /** The error recorded on an attempt of unknown outcome; Homeward's own words, never a receiver's. */
    static final String OUTCOME_UNKNOWN = "outcome unknown: the attempt started but its outcome was never recorded"
            + " (replica stopped or database unreachable); sent again with the same id";

    @Inject
    WebhookSecrets secrets;

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

    private List<ClaimedDelivery> claim(Connection c, Claim claim) throws SQLException {
        // Fairness: at most perSubscription due rows of any one subscription are considered, so a subscription with a
        // large backlog (a receiver that was down) cannot crowd out the others.
        List<UUID> chosen = new ArrayList<>();
        Map<UUID, Integer> taking = new HashMap<>();
        // Step 1: the oldest due rows of each subscription, at most perSubscription each, through the
        // (subscription_id, next_attempt_at) index. Step 2 locks them by primary key. Two statements rather than one
        // so that no planner estimate (stale statistics after a burst) can turn the claim into a scan per due row.
        List<UUID> candidates = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select p.id from subscriptions s cross join lateral"
                + " (select q.id from deliveries q where q.subscription_id = s.id and q.status = 'PENDING'"
                + " and q.next_attempt_at <= now() order by q.next_attempt_at limit ?) p where s.deleted_at is null")) {
            select.setInt(1, claim.perSubscription());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<UUID> unknown = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select id, subscription_id, attempt_started_at is not null"
                + " from deliveries where id = any(?) and status = 'PENDING' and next_attempt_at <= now()"
                + " order by next_attempt_at, id for update skip locked")) {
            select.setArray(1, c.createArrayOf("uuid", candidates.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID subscription = rs.getObject(2, UUID.class);
                    if (rs.getBoolean(3)) {
                        unknown.add(id); // an attempt began and was never recorded: sent again, same id
                    }
                    if (chosen.size() >= claim.wanted()) {
                        continue;
                    }
                    int busy = claim.inFlight().getOrDefault(subscription, 0) + taking.getOrDefault(subscription, 0);
                    if (busy < claim.perSubscription()) {
                        chosen.add(id);
                        taking.merge(subscription, 1, Integer::sum);
                    }
                }
            }
        }
        recordUnknownOutcomes(c, unknown);
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
                + " d.attempts, d.series_attempts, d.traceparent")) {
            lease.setObject(1, token);
            lease.setLong(2, claim.lease().toMillis());
            lease.setLong(3, claim.lease().toMillis());
            lease.setArray(4, c.createArrayOf("uuid", chosen.toArray()));
            try (ResultSet rs = lease.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), Channel.valueOf(rs.getString(4)), rs.getString(5),
                            secrets.open(rs.getObject(3, UUID.class), rs.getString(6)), rs.getString(7), rs.getInt(8),
                            rs.getInt(9), token, rs.getString(10)));
                }
            }
        }
        return claimed;
    }

    /**
     * Records the attempts that started and were never recorded with outcome UNKNOWN (the attempt's number; the row's
     * counters count it), and clears their start so that they are sent again: at once if this claim takes them, else
     * at the next. Their webhook-id and Message-ID are the delivery's, so the copy is recognisable as one.
     */
    private static void recordUnknownOutcomes(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update deliveries set attempts = attempts + 1,"
                + " series_attempts = series_attempts + 1, attempt_started_at = null,"
                + " last_attempt_at = attempt_started_at, last_error = ?"
                + " where id = any(?) and status = 'PENDING' and attempt_started_at is not null"
                + " returning id, channel, subscription_id, last_attempt_at, attempts")) {
            update.setString(1, OUTCOME_UNKNOWN);
            update.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            List<Object[]> marked = new ArrayList<>();
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    marked.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, java.time.OffsetDateTime.class), rs.getInt(5)});
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into delivery_attempts (delivery_id, attempt,"
                    + " started_at, duration_ms, outcome, error) values (?, ?, ?, 0, 'UNKNOWN', ?)"
                    + " on conflict (delivery_id, attempt) do nothing")) {
                for (Object[] row : marked) {
                    insert.setObject(1, row[0]);
                    insert.setInt(2, (Integer) row[4]);
                    insert.setObject(3, row[3]);
                    insert.setString(4, OUTCOME_UNKNOWN);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (Object[] row : marked) {
                LOG.warnf("Delivery %s (%s, subscription %s): attempt %d started at %s and its outcome was never"
                        + " recorded; sent again with the same id (a receiver that has it drops the copy)", row[0],
                        row[1], row[2], row[4], row[3]);
            }
        }
    }

    /**
     * Commits the start of attempts before anything is sent, and renews their lease from now (an attempt always has a
     * whole lease to be made and recorded); answers the ids that may be sent: those still claimed by the worker, not
     * cancelled meanwhile.
     */
    public Set<UUID> markStarted(List<ClaimedDelivery> starting, Duration lease) throws SQLException {
        if (starting.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement mark = c.prepareStatement("update deliveries d set attempt_started_at = now(),"
                        + " lease_until = now() + ? * interval '1 millisecond',"
                        + " next_attempt_at = now() + ? * interval '1 millisecond'"
                        + " from unnest(?::uuid[], ?::uuid[]) as i(id, token)"
                        + " where d.id = i.id and d.claim_token = i.token and d.status = 'PENDING'"
                        + " and d.attempt_started_at is null returning d.id")) {
            c.setAutoCommit(true);
            mark.setLong(1, lease.toMillis());
            mark.setLong(2, lease.toMillis());
            mark.setArray(3, c.createArrayOf("uuid", starting.stream().map(ClaimedDelivery::id).toArray()));
            mark.setArray(4, c.createArrayOf("uuid", starting.stream().map(ClaimedDelivery::claimToken).toArray()));
            Set<UUID> marked = new java.util.HashSet<>();
            try (ResultSet rs = mark.executeQuery()) {
                while (rs.next()) {
                    marked.add(rs.getObject(1, UUID.class));
                }
            }
            return marked;
        }
    }

    /** Gives claimed deliveries that were never attempted back: due again at once, for any replica. */
    public void release(List<ClaimedDelivery> unstarted) throws SQLException {
        if (unstarted.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement release = c.prepareStatement("update deliveries d set claim_token = null,"
                        + " lease_until = null, next_attempt_at = now() from unnest(?::uuid[], ?::uuid[]) as i(id, token)"
                        + " where d.id = i.id and d.claim_token = i.token and d.attempt_started_at is null")) {
            release.setArray(1, c.createArrayOf("uuid", unstarted.stream().map(ClaimedDelivery::id).toArray()));
            release.setArray(2, c.createArrayOf("uuid", unstarted.stream().map(ClaimedDelivery::claimToken).toArray()));
            release.executeUpdate();
        }
    }

    /** What happens to the delivery after an attempt. */
    public record Decision(String status, Optional<Duration> nextAttemptIn) {
    }

    /** One finished attempt, waiting to be recorded. */
    public record Finished(ClaimedDelivery delivery, Instant startedAt, Duration took, AttemptResult result,
            Decision decision) {
    }

    /**
     * Records a batch of attempts and their consequences in one transaction (two statements, whatever the batch
     * size); answers the ids whose claim was still the worker's. An attempt whose claim was gone (cancelled,
     * replayed, or claimed again after the lease) is kept in the history but changes nothing; if it was meanwhile
     * recorded as UNKNOWN (recording took longer than the lease), its real outcome replaces UNKNOWN under its number.
     */
    public Set<UUID> recordAll(List<Finished> finished) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<UUID> owned = new java.util.HashSet<>();
                try (PreparedStatement update = c.prepareStatement("update deliveries d set"
                        + " attempts = d.attempts + 1, series_attempts = d.series_attempts + 1, status = i.status,"
                        + " next_attempt_at = case when i.next_ms is null then d.next_attempt_at"
                        + " else now() + i.next_ms * interval '1 millisecond' end,"
                        + " claim_token = null, lease_until = null, attempt_started_at = null,"
                        + " last_attempt_at = i.started_at::timestamptz,"
                        + " last_error = i.error,"
                        + " delivered_at = case when i.status = 'DELIVERED' then now() else d.delivered_at end,"
                        + " dead_at = case when i.status = 'DEAD' then now() else d.dead_at end"
                        + " from unnest(?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::text[])"
                        + " as i(id, token, status, next_ms, started_at, error)"
                        + " where d.id = i.id and d.claim_token = i.token and d.status = 'PENDING'"
                        + " returning d.id")) {
                    update.setArray(1, c.createArrayOf("uuid", finished.stream().map(f -> f.delivery().id()).toArray()));
                    update.setArray(2, c.createArrayOf("uuid",
                            finished.stream().map(f -> f.delivery().claimToken()).toArray()));
                    update.setArray(3, c.createArrayOf("text",
                            finished.stream().map(f -> f.decision().status()).toArray()));
                    update.setArray(4, c.createArrayOf("bigint", finished.stream()
                            .map(f -> f.decision().nextAttemptIn().map(Duration::toMillis).orElse(null)).toArray()));
                    update.setArray(5, c.createArrayOf("text",
                            finished.stream().map(f -> f.startedAt().toString()).toArray()));
                    update.setArray(6, c.createArrayOf("text", finished.stream().map(f -> f.result().error()).toArray()));
                    try (ResultSet rs = update.executeQuery()) {
                        while (rs.next()) {
                            owned.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("insert into delivery_attempts (delivery_id,"
                        + " attempt, started_at, duration_ms, outcome, status_code, error, next_attempt_at)"
                        + " select i.id, i.attempt, i.started_at::timestamptz,"
                        + " i.duration_ms, i.outcome, i.status_code, i.error,"
                        + " case when i.owned and i.next_ms is not null"
                        + " then now() + i.next_ms * interval '1 millisecond' end"
                        + " from unnest(?::uuid[], ?::int[], ?::text[], ?::int[], ?::text[], ?::int[], ?::text[],"
                        + " ?::bigint[], ?::boolean[])"
                        + " as i(id, attempt, started_at, duration_ms, outcome, status_code, error, next_ms, owned)"
                        + " on conflict (delivery_id, attempt) do update set started_at = excluded.started_at,"
                        + " duration_ms = excluded.duration_ms, outcome = excluded.outcome,"
                        + " status_code = excluded.status_code, error = excluded.error,"
                        + " next_attempt_at = excluded.next_attempt_at where delivery_attempts.outcome = 'UNKNOWN'")) {
                    insert.setArray(1, c.createArrayOf("uuid", finished.stream().map(f -> f.delivery().id()).toArray()));
                    // An attempt's number is the one after those the row counted when it was claimed: the same the
                    // update answers for an owned claim, and the number an UNKNOWN recorded meanwhile was given.
                    insert.setArray(2, c.createArrayOf("integer",
                            finished.stream().map(f -> f.delivery().attempts() + 1).toArray()));
                    insert.setArray(3, c.createArrayOf("text",
                            finished.stream().map(f -> f.startedAt().toString()).toArray()));
                    insert.setArray(4, c.createArrayOf("integer", finished.stream()
                            .map(f -> (int) Math.min(Integer.MAX_VALUE, f.took().toMillis())).toArray()));
                    insert.setArray(5, c.createArrayOf("text", finished.stream()
                            .map(f -> "PENDING".equals(f.decision().status()) ? "RETRY" : f.decision().status())
                            .toArray()));
                    insert.setArray(6, c.createArrayOf("integer",
                            finished.stream().map(f -> f.result().statusCode()).toArray()));
                    insert.setArray(7, c.createArrayOf("text", finished.stream().map(f -> f.result().error()).toArray()));
                    insert.setArray(8, c.createArrayOf("bigint", finished.stream()
                            .map(f -> f.decision().nextAttemptIn().map(Duration::toMillis).orElse(null)).toArray()));
                    insert.setArray(9, c.createArrayOf("boolean",
                            finished.stream().map(f -> owned.contains(f.delivery().id())).toArray()));
                    insert.executeUpdate();
                }
                c.commit();
                return owned;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
