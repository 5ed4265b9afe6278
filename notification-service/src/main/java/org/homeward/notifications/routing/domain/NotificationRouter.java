package org.homeward.notifications.routing.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.delivery.domain.CaseLinks;
import org.homeward.notifications.delivery.domain.DeliveriesCreated;
import org.homeward.notifications.delivery.domain.NotificationMessage;
import org.homeward.notifications.feed.domain.FeedHub;
import org.homeward.notifications.metrics.AlertMetrics;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.notifications.subscription.domain.SubscriptionFilter;
import org.homeward.support.persistence.ProcessedMessages;
import org.homeward.support.tracing.Traces;
import org.jboss.logging.Logger;

/**
 * Turns one case transition into exactly one notification per matching subscription, and one delivery per webhook or
 * e-mail notification, in one transaction with the processed-message mark. A critical transition
 * ({@link SubscriptionFilter#critical}) also becomes one critical alert per organisation in its {@code visibleTo}, which
 * every advocate of that organisation finds in their feed and live stream, subscribed or not (see
 * {@link org.homeward.notifications.feed.domain.Feed}). Kafka may redeliver and the service may restart at any point: a
 * second delivery of the message finds the mark, and even without it the unique (subscription, transition) pair in
 * {@code notifications} and (organisation, transition) pair in {@code critical_alerts} let nothing in twice.
 */
@ApplicationScoped
public class NotificationRouter {

    static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(NotificationRouter.class);

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseLinks links;

    @Inject
    Event<DeliveriesCreated> deliveriesCreated;

    @Inject
    AlertMetrics alerts;

    Clock clock = Clock.systemUTC();

    private final java.util.concurrent.atomic.AtomicLong redeliveries = new java.util.concurrent.atomic.AtomicLong();

    /** What one transition became: subscriptions' notifications, deliveries, organisations' critical alerts. */
    public record Routed(int notifications, int deliveries, int criticalAlerts) {
    }

    /**
     * Routes a batch of transitions in one transaction, in their order ({@link #route} each): one commit for the
     * batch. If any fails, nothing of the batch is stored; the consumer then routes them one at a time.
     */
    @Transactional
    public void routeAll(java.util.List<CloudEvent<CaseTransition>> messages) {
        Traces.each(messages, this::route); // each in its record's span: its deliveries continue its trace
    }

    @Transactional
    public Routed route(CloudEvent<CaseTransition> message) {
        if (!ProcessedMessages.markProcessed(em, CONSUMER, message.id())) {
            redeliveries.incrementAndGet();
            LOG.debugf("Transition %s was routed before; nothing to do", message.id());
            return new Routed(0, 0, 0);
        }
        CaseTransition t = message.data();
        Instant now = clock.instant();
        int notifications = 0;
        int deliveries = 0;
        int criticalAlerts = 0;
        try (Connection connection = dataSource.getConnection()) {
            List<Candidate> matching = candidates(connection, t).stream()
                    .filter(s -> t.visibleTo().contains(s.organisation()) && s.filter().matches(t)).toList();
            storeTransition(connection, t, now);
            if (!matching.isEmpty()) {
                Map<UUID, Candidate> byNotification = new LinkedHashMap<>();
                matching.forEach(s -> byNotification.put(UUID.randomUUID(), s));
                List<UUID> deliver = new ArrayList<>();
                for (Map.Entry<UUID, Long> created : insertNotifications(connection, byNotification, t, now)
                        .entrySet()) {
                    Candidate s = byNotification.get(created.getKey());
                    notifications++;
                    if (s.channel().delivered()) {
                        deliver.add(created.getKey());
                    } else {
                        FeedHub.announce(connection, created.getKey(), created.getValue(), s.organisation(), s.advocate());
                    }
                }
                deliveries = insertDeliveries(connection, deliver, byNotification, t, now);
            }
            if (SubscriptionFilter.critical(t)) {
                criticalAlerts = insertCriticalAlerts(connection, t, now);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("routing transition " + t.transitionId() + " failed", e);
        }
        if (deliveries > 0) {
            deliveriesCreated.fire(new DeliveriesCreated(deliveries));
        }
        alerts.raised(t.alerts());
        LOG.debugf("Transition %s (%s %s of case %s): %d notifications, %d deliveries, %d critical alerts",
                t.transitionId(), t.urgency(), t.eventType(), t.caseId(), notifications, deliveries, criticalAlerts);
        return new Routed(notifications, deliveries, criticalAlerts);
    }

    /** How many messages this replica found already routed (Kafka redeliveries, replays) since it started. */
    public long redeliveries() {
        return redeliveries.get();
    }

    /** An active subscription as routing needs it. */
    record Candidate(UUID id, String organisation, String advocate, Channel channel, SubscriptionFilter filter) {
    }

    /**
     * Active subscriptions whose scope may cover the transition; the database narrows by organisation, case and
     * category, and {@link SubscriptionFilter} decides. Only subscriptions of an organisation in the transition's
     * {@code visibleTo} (the owner and the organisations the case is shared with, after the transition) are
     * candidates: an advocate is never told about a case their organisation may not see, and a transition with no
     * {@code visibleTo} reaches nobody.
     */
    private static List<Candidate> candidates(Connection c, CaseTransition t) throws SQLException {
        if (t.visibleTo().isEmpty()) {
            return List.of();
        }
        try (PreparedStatement select = c.prepareStatement("select id, organisation, advocate, channel, case_ids,"
                + " categories, event_types, min_urgency from subscriptions where deleted_at is null"
                + " and organisation = any(?)"
                + " and (cardinality(case_ids) = 0 or ? = any(case_ids))"
                + " and (cardinality(categories) = 0 or ? = any(categories))")) {
            select.setArray(1, c.createArrayOf("text", t.visibleTo().toArray()));
            select.setObject(2, t.caseId());
            select.setString(3, t.category() == null ? "" : t.category().name());
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    SubscriptionFilter filter = new SubscriptionFilter(
                            Set.of((UUID[]) rs.getArray(5).getArray()),
                            Arrays.stream((String[]) rs.getArray(6).getArray()).map(Category::valueOf)
                                    .collect(Collectors.toSet()),
                            Arrays.stream((String[]) rs.getArray(7).getArray()).map(EventType::valueOf)
                                    .collect(Collectors.toSet()),
                            Urgency.valueOf(rs.getString(8)));
                    candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            Channel.valueOf(rs.getString(4)), filter));
                }
            }
            return candidates;
        }
    }

    /** The transition's facts as received; a value this version does not know is stored as null. */
    private static void storeTransition(Connection c, CaseTransition t, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into transitions (transition_id, case_id, event_id,"
                + " event_type, category, status, from_state, to_state, urgency, alerts, reason, occurred_at,"
                + " received_at, created_at, duplicate_opened_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)"
                + " on conflict (transition_id) do nothing")) {
            insert.setObject(1, t.transitionId());
            insert.setObject(2, t.caseId());
            insert.setObject(3, t.eventId());
            insert.setString(4, name(t.eventType()));
            insert.setString(5, name(t.category()));
            insert.setString(6, name(t.status()));
            insert.setString(7, name(t.fromState()));
            insert.setString(8, name(t.toState()));
            insert.setString(9, name(t.urgency()));
            insert.setString(10, json(t.alerts()));
            insert.setString(11, name(t.reason()));
            insert.setTimestamp(12, Timestamp.from(t.occurredAt()));
            insert.setTimestamp(13, t.receivedAt() == null ? null : Timestamp.from(t.receivedAt()));
            insert.setTimestamp(14, Timestamp.from(now));
            insert.setString(15, NotificationMessage.duplicateOpenedBy(t));
            insert.executeUpdate();
        }
    }

    /**
     * Inserts one notification per matching subscription in one statement; answers the feed sequence number of each
     * one that is new (a subscription told about this transition before gets none: the unique pair refuses it).
     */
    private static Map<UUID, Long> insertNotifications(Connection c, Map<UUID, Candidate> byNotification,
            CaseTransition t, Instant now) throws SQLException {
        List<Candidate> subscriptions = new ArrayList<>(byNotification.values());
        try (PreparedStatement insert = c.prepareStatement("insert into notifications (id, subscription_id,"
                + " transition_id, organisation, advocate, channel, case_id, urgency, created_at)"
                + " select n.id, n.subscription_id, ?, n.organisation, n.advocate, n.channel, ?, ?, ?"
                + " from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])"
                + " as n(id, subscription_id, organisation, advocate, channel)"
                + " on conflict (subscription_id, transition_id) do nothing returning id, seq")) {
            insert.setObject(1, t.transitionId());
            insert.setObject(2, t.caseId());
            // The urgency routing used (NORMAL for one this version does not know): the feed filters on it.
            insert.setString(3, SubscriptionFilter.urgencyOf(t).name());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setArray(5, c.createArrayOf("uuid", byNotification.keySet().toArray()));
            insert.setArray(6, c.createArrayOf("uuid", subscriptions.stream().map(s -> s.id()).toArray()));
            insert.setArray(7, c.createArrayOf("text", subscriptions.stream().map(s -> s.organisation()).toArray()));
            insert.setArray(8, c.createArrayOf("text", subscriptions.stream().map(s -> s.advocate()).toArray()));
            insert.setArray(9, c.createArrayOf("text", subscriptions.stream().map(s -> s.channel().name()).toArray()));
            Map<UUID, Long> created = new LinkedHashMap<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
            return created;
        }
    }

    /**
     * One critical alert per organisation in the transition's {@code visibleTo} (none when it is empty: it reaches
     * nobody), announced to the live feed on commit; answers how many are new (the unique (organisation, transition)
     * pair refuses a second one). Webhooks and e-mail stay per subscription: an alert is in the feed only.
     */
    private static int insertCriticalAlerts(Connection c, CaseTransition t, Instant now) throws SQLException {
        List<String> organisations = t.visibleTo().stream().filter(o -> o != null && !o.isBlank()).distinct()
                .toList();
        if (organisations.isEmpty()) {
            return 0;
        }
        List<UUID> ids = organisations.stream().map(o -> UUID.randomUUID()).toList();
        try (PreparedStatement insert = c.prepareStatement("insert into critical_alerts (id, organisation,"
                + " transition_id, case_id, urgency, created_at)"
                + " select a.id, a.organisation, ?, ?, ?, ? from unnest(?::uuid[], ?::text[]) as a(id, organisation)"
                + " on conflict (organisation, transition_id) do nothing returning id, seq, organisation")) {
            insert.setObject(1, t.transitionId());
            insert.setObject(2, t.caseId());
            insert.setString(3, SubscriptionFilter.urgencyOf(t).name());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setArray(5, c.createArrayOf("uuid", ids.toArray()));
            insert.setArray(6, c.createArrayOf("text", organisations.toArray()));
            record Created(UUID id, long seq, String organisation) {
            }
            List<Created> created = new ArrayList<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    created.add(new Created(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)));
                }
            }
            for (Created alert : created) {
                FeedHub.announceCritical(c, alert.id(), alert.seq(), alert.organisation());
            }
            return created.size();
        }
    }

    /** One delivery per new webhook or e-mail notification, with the exact body every attempt will send. */
    private int insertDeliveries(Connection c, List<UUID> notificationIds, Map<UUID, Candidate> byNotification,
            CaseTransition t, Instant now) throws SQLException {
        if (notificationIds.isEmpty()) {
            return 0;
        }
        URI caseUrl = links.of(t.caseId());
        List<Object> ids = new ArrayList<>();
        List<Object> subscriptionIds = new ArrayList<>();
        List<Object> channels = new ArrayList<>();
        List<Object> payloads = new ArrayList<>();
        for (UUID notificationId : notificationIds) {
            Candidate s = byNotification.get(notificationId);
            ids.add(UUID.randomUUID());
            subscriptionIds.add(s.id());
            channels.add(s.channel().name());
            payloads.add(NotificationMessage.of(notificationId, s.id(), t, now, caseUrl).toJson());
        }
        try (PreparedStatement insert = c.prepareStatement("insert into deliveries (id, notification_id,"
                + " subscription_id, channel, case_id, payload, status, next_attempt_at, created_at, traceparent)"
                + " select d.id, d.notification_id, d.subscription_id, d.channel, ?, d.payload, 'PENDING', ?, ?, ?"
                + " from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])"
                + " as d(id, notification_id, subscription_id, channel, payload)")) {
            insert.setObject(1, t.caseId());
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setString(4, Traces.currentTraceparent()); // the delivery's span will continue this trace
            insert.setArray(5, c.createArrayOf("uuid", ids.toArray()));
            insert.setArray(6, c.createArrayOf("uuid", notificationIds.toArray()));
            insert.setArray(7, c.createArrayOf("uuid", subscriptionIds.toArray()));
            insert.setArray(8, c.createArrayOf("text", channels.toArray()));
            insert.setArray(9, c.createArrayOf("text", payloads.toArray()));
            return insert.executeUpdate();
        }
    }

    /**
     * A value as stored; null when the transition has none or one this version does not know (EventCodec reads an
     * unknown enum value as null): such a transition is still stored and routed, never dead-lettered.
     */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
