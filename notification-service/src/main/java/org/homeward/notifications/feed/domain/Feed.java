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
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * An advocate's in-app feed, newest first: the notifications of their own FEED subscriptions merged with their
 * organisation's critical alerts ({@code critical_alerts}: one row per organisation and critical transition, written by
 * routing for each organisation that may see the case). An advocate who has their own FEED notification of a
 * transition sees only that one, so a critical transition is in an advocate's feed exactly once whether they subscribed
 * to it or not. Acknowledging an organisation's alert is per advocate ({@code critical_alert_acks}). Both tables draw
 * {@code seq} from one sequence: it orders the merged feed and is the live stream's event id.
 */
@ApplicationScoped
public class Feed {

    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "f.id, f.seq, f.subscription_id, f.case_id, t.event_id, t.event_type,"
            + " t.category, t.status, t.from_state, t.to_state, t.urgency, t.alerts::text, t.occurred_at,"
            + " t.received_at, f.created_at, f.acked_at, f.organisation_wide, t.duplicate_opened_by";
    /**
     * The advocate's feed as one relation {@code f} joined to its transition {@code t}; binds organisation, user,
     * user, organisation, user. An organisation's alert of a transition the advocate has their own FEED notification of
     * is left out: the own one takes its place.
     */
    private static final String FROM = " from (select n.id, n.seq, n.subscription_id, n.case_id, n.transition_id,"
            + " n.urgency, n.created_at, n.acked_at, false as organisation_wide"
            + " from notifications n where n.organisation = ? and n.advocate = ? and n.channel = 'FEED'"
            + " union all select a.id, a.seq, null::uuid, a.case_id, a.transition_id, a.urgency, a.created_at,"
            + " k.acked_at, true from critical_alerts a"
            + " left join critical_alert_acks k on k.alert_id = a.id and k.advocate = ?"
            + " where a.organisation = ? and not exists (select 1 from notifications o"
            + " where o.transition_id = a.transition_id and o.organisation = a.organisation and o.advocate = ?"
            + " and o.channel = 'FEED')) f"
            + " join transitions t on t.transition_id = f.transition_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseLinks links;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Page<NotificationView> list(Advocate advocate, FeedQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>(owner(advocate));
        if (query.caseId() != null) {
            where.append(" and f.case_id = ?");
            params.add(query.caseId());
        }
        if (query.minUrgency() != null) {
            where.append(" and f.urgency = any(?)");
            params.add(EnumSet.range(query.minUrgency(), Urgency.CRITICAL).stream().map(Enum::name)
                    .toArray(String[]::new));
        }
        if (query.category() != null) {
            where.append(" and t.category = ?");
            params.add(query.category().name());
        }
        if (query.acked() != null) {
            where.append(query.acked() ? " and f.acked_at is not null" : " and f.acked_at is null");
        }
        if (query.subscriptionId() != null) {
            where.append(" and f.subscription_id = ?");
            params.add(query.subscriptionId());
        }
        if (query.organisationWide() != null) {
            where.append(" and f.organisation_wide = ?");
            params.add(query.organisationWide());
        }
        try (Connection c = dataSource.getConnection()) {
            List<NotificationView> items = new ArrayList<>();
            try (PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + where
                    + " order by f.seq desc limit ? offset ?", params, page.size(), page.offset())) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement count = prepare(c, "select count(*)" + FROM + where, params)) {
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

    /**
     * Marks one item of the advocate's feed acknowledged (once: acknowledging again keeps the first time): their own
     * notification, or their organisation's critical alert for them alone (the organisation's other advocates still
     * have it unacknowledged). 404 for anything that is not in this advocate's feed.
     */
    @Transactional
    public NotificationView ack(Advocate advocate, UUID id) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = c.prepareStatement("update notifications set acked_at ="
                    + " coalesce(acked_at, ?) where id = ? and organisation = ? and advocate = ? and channel = 'FEED'")) {
                update.setTimestamp(1, now);
                update.setObject(2, id);
                update.setString(3, advocate.organisation());
                update.setString(4, advocate.user());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = c.prepareStatement("insert into critical_alert_acks (alert_id,"
                        + " advocate, acked_at) select a.id, ?, ? from critical_alerts a where a.id = ?"
                        + " and a.organisation = ? and not exists (select 1 from notifications o"
                        + " where o.transition_id = a.transition_id and o.organisation = a.organisation"
                        + " and o.advocate = ? and o.channel = 'FEED')"
                        + " on conflict (alert_id, advocate) do nothing")) {
                    insert.setString(1, advocate.user());
                    insert.setTimestamp(2, now);
                    insert.setObject(3, id);
                    insert.setString(4, advocate.organisation());
                    insert.setString(5, advocate.user());
                    insert.executeUpdate();
                }
            }
            return one(c, advocate, id).orElseThrow(() -> ProblemException.notFound("Notification " + id));
        } catch (SQLException e) {
            throw new IllegalStateException("acknowledging failed", e);
        }
    }

    /** One item of the advocate's feed by id (their notification or their organisation's alert, as they see it). */
    @Transactional
    public Optional<NotificationView> find(Advocate advocate, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return one(c, advocate, id);
        } catch (SQLException e) {
            throw new IllegalStateException("reading a notification failed", e);
        }
    }

    /**
     * An organisation's critical alert as each of {@code users} (advocates of that organisation) sees it, for the live
     * stream: one query whatever their number. A user who has their own FEED notification of the same transition is
     * left out (that notification reaches their stream instead).
     */
    @Transactional
    public Map<String, NotificationView> criticalAlert(UUID id, String organisation, Collection<String> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = prepare(c, "select a.id, a.seq, null::uuid, a.case_id, t.event_id,"
                        + " t.event_type, t.category, t.status, t.from_state, t.to_state, t.urgency, t.alerts::text,"
                        + " t.occurred_at, t.received_at, a.created_at, k.acked_at, true, t.duplicate_opened_by, u.advocate"
                        + " from critical_alerts a join transitions t on t.transition_id = a.transition_id"
                        + " cross join unnest(?::text[]) as u(advocate)"
                        + " left join critical_alert_acks k on k.alert_id = a.id and k.advocate = u.advocate"
                        + " where a.id = ? and a.organisation = ? and not exists (select 1 from notifications o"
                        + " where o.transition_id = a.transition_id and o.organisation = a.organisation"
                        + " and o.advocate = u.advocate and o.channel = 'FEED')",
                        List.<Object>of(users.toArray(String[]::new), id, organisation))) {
            Map<String, NotificationView> views = new LinkedHashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    views.put(rs.getString(19), view(rs));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("reading a critical alert failed", e);
        }
    }

    /** The advocate's feed after {@code seq}, oldest first: what a reconnecting stream missed. */
    @Transactional
    public List<NotificationView> after(Advocate advocate, long seq, int limit) {
        List<Object> params = new ArrayList<>(owner(advocate));
        params.add(seq);
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + " where f.seq > ?"
                        + " order by f.seq limit ?", params, limit)) {
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

    private Optional<NotificationView> one(Connection c, Advocate advocate, UUID id) throws SQLException {
        List<Object> params = new ArrayList<>(owner(advocate));
        params.add(id);
        try (PreparedStatement select = prepare(c, "select " + COLUMNS + FROM + " where f.id = ?", params)) {
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    /** The parameters {@link #FROM} binds. */
    private static List<Object> owner(Advocate advocate) {
        return List.of(advocate.organisation(), advocate.user(), advocate.user(), advocate.organisation(),
                advocate.user());
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
        } else if (param instanceof Boolean flag) {
            statement.setBoolean(index, flag);
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
        return new NotificationView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class),
                rs.getBoolean(17), caseId,
                rs.getObject(5, UUID.class), known(EventType.class, rs.getString(6)),
                known(Category.class, rs.getString(7)), known(TransitionStatus.class, rs.getString(8)),
                known(CaseState.class, rs.getString(9)), known(CaseState.class, rs.getString(10)),
                known(Urgency.class, rs.getString(11)), alerts, instant(rs, 13), instant(rs, 14), instant(rs, 15),
                instant(rs, 16), links.of(caseId), rs.getString(18));
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
