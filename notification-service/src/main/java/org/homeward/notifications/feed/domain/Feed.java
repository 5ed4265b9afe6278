package org.homeward.notifications.feed.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.delivery.domain.CaseLinks;
import org.homeward.notifications.feed.api.NotificationView;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;

/** An advocate's in-app feed: the notifications of their FEED subscriptions, newest first. */
@ApplicationScoped
public class Feed {

    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "n.id, n.seq, n.subscription_id, n.case_id, t.event_id, t.event_type,"
            + " t.category, t.status, t.from_state, t.to_state, t.urgency, t.alerts::text, t.occurred_at,"
            + " t.received_at, n.created_at, n.acked_at";
    private static final String FROM = " from notifications n join transitions t on t.transition_id = n.transition_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseLinks links;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Page<NotificationView> list(Advocate advocate, FeedQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" where n.organisation = ? and n.advocate = ? and n.channel = 'FEED'");
        List<Object> params = new ArrayList<>(List.of(advocate.organisation(), advocate.user()));
        if (query.caseId() != null) {
            where.append(" and n.case_id = ?");
            params.add(query.caseId());
        }
        if (query.minUrgency() != null) {
            where.append(" and n.urgency = any(?)");
            params.add(EnumSet.range(query.minUrgency(), Urgency.CRITICAL).stream().map(Enum::name)
                    .toArray(String[]::new));
        }
        if (query.acked() != null) {
            where.append(query.acked() ? " and n.acked_at is not null" : " and n.acked_at is null");
        }
        if (query.subscriptionId() != null) {
            where.append(" and n.subscription_id = ?");
            params.add(query.subscriptionId());
        }
        try (Connection c = dataSource.getConnection()) {
            List<NotificationView> items = new ArrayList<>();
            try (PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + where
                    + " order by n.seq desc limit ? offset ?", params, page.size(), page.offset())) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement count = prepare(c, "select count(*) from notifications n" + where, params)) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(items, page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the feed failed", e);
        }
    }

    /** Marks the advocate's notification acknowledged (once: acknowledging again keeps the first time). */
    @Transactional
    public NotificationView ack(Advocate advocate, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update notifications set acked_at ="
                    + " coalesce(acked_at, ?) where id = ? and organisation = ? and advocate = ? and channel = 'FEED'")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setObject(2, id);
                update.setString(3, advocate.organisation());
                update.setString(4, advocate.user());
                if (update.executeUpdate() == 0) {
                    throw ProblemException.notFound("Notification " + id);
                }
            }
            return one(c, id).orElseThrow(() -> ProblemException.notFound("Notification " + id));
        } catch (SQLException e) {
            throw new IllegalStateException("acknowledging failed", e);
        }
    }

    /** One notification by id, whoever's it is: for the live stream, which already knows the owner. */
    @Transactional
    public Optional<NotificationView> find(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return one(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("reading a notification failed", e);
        }
    }

    /** The advocate's feed notifications after {@code seq}, oldest first: what a reconnecting stream missed. */
    @Transactional
    public List<NotificationView> after(Advocate advocate, long seq, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + " where n.organisation = ?"
                        + " and n.advocate = ? and n.channel = 'FEED' and n.seq > ? order by n.seq limit ?",
                        List.<Object>of(advocate.organisation(), advocate.user(), seq), limit)) {
            List<NotificationView> items = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(view(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the feed failed", e);
        }
    }

    private Optional<NotificationView> one(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + " where n.id = ?", List.<Object>of(id))) {
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params, Object... more)
            throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        int i = 1;
        for (Object param : params) {
            bind(c, statement, i++, param);
        }
        for (Object param : more) {
            bind(c, statement, i++, param);
        }
        return statement;
    }

    private static void bind(Connection c, PreparedStatement statement, int index, Object param) throws SQLException {
        if (param instanceof String[] texts) {
            statement.setArray(index, c.createArrayOf("text", texts));
        } else {
            statement.setObject(index, param);
        }
    }

    private NotificationView view(ResultSet rs) throws SQLException {
        UUID caseId = rs.getObject(4, UUID.class);
        List<Alert> alerts;
        try {
            // The codec's mapper reads an alert this version does not know as null: left out.
            alerts = EventCodec.mapper().readValue(rs.getString(12), ALERTS).stream().filter(Objects::nonNull)
                    .toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored alerts are not readable", e);
        }
        return new NotificationView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class), caseId,
                rs.getObject(5, UUID.class), known(EventType.class, rs.getString(6)),
                known(Category.class, rs.getString(7)), known(TransitionStatus.class, rs.getString(8)),
                known(CaseState.class, rs.getString(9)), known(CaseState.class, rs.getString(10)),
                known(Urgency.class, rs.getString(11)), alerts, instant(rs, 13), instant(rs, 14), instant(rs, 15),
                instant(rs, 16), links.of(caseId));
    }

    /**
     * A stored value, or null (left out of the view) when there is none or this version does not know it: routing
     * stores an unknown value as null, and a newer replica may have stored a value an older one reads back.
     */
    private static <E extends Enum<E>> E known(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
