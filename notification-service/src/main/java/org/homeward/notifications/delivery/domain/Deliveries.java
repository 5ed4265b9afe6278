package org.homeward.notifications.delivery.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.delivery.api.DeliveryView;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;
import org.jboss.logging.Logger;

/** An advocate's deliveries and their attempts; replaying a dead one. */
@ApplicationScoped
public class Deliveries {

    /** The states a delivery can be in. */
    public enum Status {
        PENDING,
        DELIVERED,
        DEAD,
        CANCELLED
    }

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    private static final String COLUMNS = "d.id, d.notification_id, d.subscription_id, d.channel, d.case_id, d.status,"
            + " d.next_attempt_at, d.created_at, d.delivered_at, d.dead_at, d.last_error";
    private static final String OWNED = " from deliveries d join notifications n on n.id = d.notification_id"
            + " where n.organisation = ? and n.advocate = ?";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    jakarta.enterprise.event.Event<DeliveriesCreated> replayed;

    @Transactional
    public Page<DeliveryView> list(Advocate advocate, Status status, UUID subscriptionId, PageRequest page) {
        String where = OWNED + (status == null ? "" : " and d.status = ?")
                + (subscriptionId == null ? "" : " and d.subscription_id = ?");
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, DeliveryView> rows = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + where
                    + " order by d.created_at desc, d.id limit ? offset ?")) {
                int i = bind(select, advocate, status, subscriptionId);
                select.setInt(i++, page.size());
                select.setLong(i, page.offset());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        DeliveryView view = view(rs, List.of());
                        rows.put(view.id(), view);
                    }
                }
            }
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*)" + where)) {
                bind(count, advocate, status, subscriptionId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            Map<UUID, List<DeliveryView.Attempt>> attempts = attempts(c, new ArrayList<>(rows.keySet()));
            List<DeliveryView> items = rows.values().stream().map(v -> withAttempts(v,
                    attempts.getOrDefault(v.id(), List.of()))).toList();
            return new Page<>(items, page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading deliveries failed", e);
        }
    }

    /** Puts a dead delivery back: a fresh series of attempts on the same schedule, starting now. */
    @Transactional
    public DeliveryView replay(Advocate advocate, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            DeliveryView current = find(c, advocate, id);
            if (!Status.DEAD.name().equals(current.status())) {
                throw ProblemException.of(ProblemType.CONFLICT, "Only a DEAD delivery can be replayed;"
                        + " this one is " + current.status());
            }
            try (PreparedStatement update = c.prepareStatement("update deliveries set status = 'PENDING',"
                    + " series_attempts = 0, next_attempt_at = now(), dead_at = null, claim_token = null,"
                    + " lease_until = null, attempt_started_at = null"
                    + " where id = ? and status = 'DEAD'")) {
                update.setObject(1, id);
                if (update.executeUpdate() == 0) {
                    throw ProblemException.of(ProblemType.CONFLICT, "The delivery changed meanwhile; read it again");
                }
            }
            LOG.infof("Delivery %s replayed (was %s)", id, current.status());
            replayed.fire(new DeliveriesCreated(1));
            return find(c, advocate, id);
        } catch (SQLException e) {
            throw new IllegalStateException("replaying a delivery failed", e);
        }
    }

    private DeliveryView find(Connection c, Advocate advocate, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + OWNED + " and d.id = ?")) {
            select.setString(1, advocate.organisation());
            select.setString(2, advocate.user());
            select.setObject(3, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Delivery " + id);
                }
                return view(rs, attempts(c, List.of(id)).getOrDefault(id, List.of()));
            }
        }
    }

    private static int bind(PreparedStatement statement, Advocate advocate, Status status, UUID subscriptionId)
            throws SQLException {
        int i = 1;
        statement.setString(i++, advocate.organisation());
        statement.setString(i++, advocate.user());
        if (status != null) {
            statement.setString(i++, status.name());
        }
        if (subscriptionId != null) {
            statement.setObject(i++, subscriptionId);
        }
        return i;
    }

    private static Map<UUID, List<DeliveryView.Attempt>> attempts(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, List<DeliveryView.Attempt>> attempts = new HashMap<>();
        if (ids.isEmpty()) {
            return attempts;
        }
        try (PreparedStatement select = c.prepareStatement("select delivery_id, attempt, started_at, duration_ms,"
                + " outcome, status_code, error, next_attempt_at from delivery_attempts where delivery_id = any(?)"
                + " order by delivery_id, attempt")) {
            select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(6);
                    Integer statusCode = rs.wasNull() ? null : code;
                    attempts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new DeliveryView.Attempt(rs.getInt(2), instant(rs, 3), rs.getLong(4), rs.getString(5),
                                    statusCode, rs.getString(7), instant(rs, 8)));
                }
            }
        }
        return attempts;
    }

    private static DeliveryView view(ResultSet rs, List<DeliveryView.Attempt> attempts) throws SQLException {
        String status = rs.getString(6);
        return new DeliveryView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                Channel.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), status,
                Status.PENDING.name().equals(status) ? instant(rs, 7) : null, instant(rs, 8), instant(rs, 9),
                instant(rs, 10), rs.getString(11), attempts);
    }

    private static DeliveryView withAttempts(DeliveryView v, List<DeliveryView.Attempt> attempts) {
        return new DeliveryView(v.id(), v.notificationId(), v.subscriptionId(), v.channel(), v.caseId(), v.status(),
                v.nextAttemptAt(), v.createdAt(), v.deliveredAt(), v.deadAt(), v.lastError(), attempts);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
