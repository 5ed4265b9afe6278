package org.homeward.notifications.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.homeward.events.CaseTransition;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.routing.domain.NotificationRouter;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly one notification per (subscription, transition), whatever Kafka redelivers: the same record published
 * again, the whole topic read again from the start, the same message taken concurrently. The database refuses a
 * second notification for a pair by itself.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class ExactlyOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Receiver receiver;

    @Inject
    KafkaClientService kafka;

    @Inject
    NotificationRouter router;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void redeliveredTransitionsMakeNoSecondNotificationOrDelivery() throws Exception {
        UUID caseId = UUID.randomUUID();
        String path = "/once-" + caseId;
        String advocate = Advocates.fresh();
        String webhook = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId)).getString("id");
        String feed = Advocates.subscribe(advocate, """
                {"channel": "FEED", "caseIds": ["%s"], "minUrgency": "LOW"}""".formatted(caseId)).getString("id");
        String email = Advocates.subscribe(advocate, """
                {"channel": "EMAIL", "target": "once-%s@homeward.test", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(caseId, caseId)).getString("id");
        CaseTransition intent = Transitions.of(caseId, EventType.DEFECTION_INTENT_STATED, Urgency.HIGH);
        CaseTransition transfer = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.HIGH);
        long redeliveredBefore = router.redeliveries();
        for (int i = 0; i < 3; i++) {
            Transitions.publish(intent);
            Transitions.publish(transfer);
        }
        await().atMost(WAIT).until(() -> receiver.requests(path).size() >= 2);
        await().atMost(WAIT).until(() -> router.redeliveries() - redeliveredBefore >= 4);
        long beforeReplay = router.redeliveries();

        // Kafka redelivers everything: the service's consumer reads the topic again from the beginning.
        KafkaConsumer<String, byte[]> consumer = kafka.getConsumer("case-transitions");
        consumer.runOnPollingThread(c -> {
            c.seekToBeginning(c.assignment());
        }).await().atMost(Duration.ofSeconds(30));
        Transitions.publish(intent); // a marker behind the replayed records
        CaseTransition marker = Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.LOW);
        Transitions.publish(marker);
        await().atMost(WAIT).until(() -> notifications(marker.transitionId()).size() == 3);
        assertTrue(router.redeliveries() - beforeReplay >= 7, "the topic was read again from the start: the six "
                + "records of this test and the extra copy came back, and were recognised");

        for (CaseTransition t : List.of(intent, transfer)) {
            Map<String, Integer> perSubscription = notifications(t.transitionId());
            assertEquals(Map.of(webhook, 1, feed, 1, email, 1), perSubscription, t.eventType().name());
            assertEquals(2, count("select count(*) from deliveries d join notifications n on n.id = d.notification_id"
                    + " where n.transition_id = ?", t.transitionId()), "one webhook and one e-mail delivery");
        }
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 3);
        assertEquals(3, receiver.requests(path).stream().map(r -> r.header("webhook-id")).distinct().count(),
                "one webhook per notification, none twice");
    }

    @Test
    void theSameMessageTakenConcurrentlyMakesOneNotificationPerSubscription() throws Exception {
        UUID caseId = UUID.randomUUID();
        String a = Advocates.subscribe(Advocates.fresh(),
                "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}").getString("id");
        String b = Advocates.subscribe(Advocates.fresh(),
                "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}").getString("id");
        CaseTransition t = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        CloudEvent<CaseTransition> message = CloudEvent.transition(t, "urn:homeward:test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<NotificationRouter.Routed>> takes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                takes.add(() -> {
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return router.route(message);
                        } catch (RuntimeException conflict) {
                            if (attempt > 5) {
                                throw conflict; // a unique-key race ends the loser's transaction; it tries again
                            }
                        }
                    }
                });
            }
            int created = 0;
            for (Future<NotificationRouter.Routed> take : pool.invokeAll(takes)) {
                created += take.get().notifications();
            }
            assertEquals(2, created, "one take created both notifications; the others found the message processed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of(a, 1, b, 1), notifications(t.transitionId()));
    }

    @Test
    void theDatabaseItselfRefusesASecondNotificationForAPair() throws Exception {
        UUID caseId = UUID.randomUUID();
        String feed = Advocates.subscribe(Advocates.fresh(),
                "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}").getString("id");
        CaseTransition t = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        Transitions.publish(t);
        await().atMost(WAIT).until(() -> notifications(t.transitionId()).size() == 1);
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement("insert into notifications"
                + " (id, subscription_id, transition_id, organisation, advocate, channel, case_id, urgency,"
                + " created_at) values (?, ?, ?, 'defector-org', 'someone', 'FEED', ?, 'HIGH', now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(feed));
            insert.setObject(3, t.transitionId());
            insert.setObject(4, caseId);
            SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23505", refused.getSQLState(), "unique_violation");
        }
    }

    private static Map<String, Integer> notifications(UUID transitionId) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement("select subscription_id, count(*)"
                + " from notifications where transition_id = ? group by subscription_id")) {
            select.setObject(1, transitionId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private static long count(String sql, UUID id) throws SQLException {
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
    }
}
