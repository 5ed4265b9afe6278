package org.homeward.cases.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;
import org.junit.jupiter.api.Test;

/**
 * The background loops of the case service against the real PostgreSQL and Kafka of the test stack: every loop reports
 * its health; a loop that hangs on the database turns readiness DOWN and back UP; a loop whose thread dies turns
 * liveness DOWN; and the outbox relay, given a row Kafka refuses for good, stops at that row (the rows before it
 * relayed, the rows after it waiting), turns readiness DOWN, and goes on in order once an operator removed the row.
 * The stall bound is 3 s here (30 s by default).
 */
@QuarkusTest
@TestProfile(BackgroundLoopsTest.ShortStallBound.class)
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class BackgroundLoopsTest {

    /** Stalled after 3 s. */
    public static class ShortStallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("homeward.outbox.stall-after", "PT3S");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RELAY = "background loop outbox-relay";

    @Inject
    BackgroundLoops loops;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyLoopOfTheServiceReportsItsStateAndLastSuccess() {
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems(RELAY, "background loop key-rotation",
                        "background loop name-key-indexer", "background loop rederivation"))
                .body("checks.find { it.name == '" + RELAY + "' }.data.state", equalTo("RUNNING"))
                .body("checks.find { it.name == '" + RELAY + "' }.data.lastSuccess", not(equalTo("never")))
                .body("checks.find { it.name == '" + RELAY + "' }.data.stallAfterSeconds", equalTo(3))
                .body("checks.find { it.name == 'background loop key-rotation' }.data.holdsReadiness",
                        equalTo(false))
                .body("checks.find { it.name == 'background loop name-key-indexer' }.data.state",
                        oneOf("RUNNING", "FINISHED")));
        RestAssured.given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItems(RELAY, "background loop key-rotation"));
    }

    @Test
    void aLoopHungOnTheDatabaseTurnsReadinessDownAndBackUp() throws Exception {
        long key = 0x6c6f6f70L + System.nanoTime() % 1000;
        String name = "probe-" + UUID.randomUUID();
        try (Connection holder = database()) {
            advisoryLock(holder, "pg_advisory_lock", key);
            BackgroundLoop loop = loops.start(BackgroundLoop.Spec.named(name).idleWait(Duration.ofMillis(100))
                    .stallAfter(Duration.ofSeconds(2)), () -> {
                        try (Connection c = dataSource.getConnection()) {
                            advisoryLock(c, "pg_advisory_lock", key); // waits while the test holds it
                            advisoryLock(c, "pg_advisory_unlock", key);
                        }
                        return BackgroundLoop.Next.IDLE;
                    });
            try {
                await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                        .statusCode(503)
                        .body("checks.find { it.name == 'background loop " + name + "' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'background loop " + name + "' }.data.state",
                                equalTo("STALLED")));
                RestAssured.given().get("/q/health/live").then().statusCode(200);
                advisoryLock(holder, "pg_advisory_unlock", key);
                await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'background loop " + name + "' }.data.state",
                                equalTo("RUNNING")));
            } finally {
                loops.remove(loop);
            }
        }
    }

    @Test
    void aLoopWhoseThreadDiesTurnsLivenessDown() throws Exception {
        String name = "dies-" + UUID.randomUUID();
        BackgroundLoop loop = loops.start(BackgroundLoop.Spec.named(name), () -> {
            throw new OutOfMemoryError("simulated");
        });
        try {
            await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/live").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'background loop " + name + "' }.data.state", equalTo("DEAD")));
        } finally {
            loops.remove(loop);
        }
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRowKafkaRefusesStallsTheRelayVisiblyUntilAnOperatorRemovesIt() throws Exception {
        String topic = "outbox-stall-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                HomewardTestStack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String key = UUID.randomUUID().toString();
        long before;
        long refused;
        long after;
        try (Connection c = database()) {
            c.setAutoCommit(false); // one transaction: the relay sees the three rows at once, in one batch
            before = insertOutbox(c, topic, key, "before".getBytes(StandardCharsets.UTF_8));
            refused = insertOutbox(c, topic, key, new byte[2 * 1024 * 1024]); // above the 1 MB request limit
            after = insertOutbox(c, topic, key, "after".getBytes(StandardCharsets.UTF_8));
            c.commit();
        }
        try {
            await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == '" + RELAY + "' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == '" + RELAY + "' }.data.state", equalTo("STALLED"))
                    .body("checks.find { it.name == '" + RELAY + "' }.data.lastFailureKind",
                            startsWith("outbox row " + refused + " (topic " + topic + ", 2097152 bytes")));
            RestAssured.given().get("/q/health/live").then().statusCode(200);
            assertEquals(Set.of(refused, after), outboxIds(Set.of(before, refused, after)),
                    "the row before the refused one was relayed; the row after it waits, in order");

            // What the operator does (docs/reliability.md): keep the row aside, then remove it from the outbox.
            try (Connection c = database(); PreparedStatement delete = c.prepareStatement(
                    "delete from outbox where id = ?")) {
                delete.setLong(1, refused);
                assertEquals(1, delete.executeUpdate());
            }
            await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                    .statusCode(200)
                    .body("checks.find { it.name == '" + RELAY + "' }.data.state", equalTo("RUNNING")));
            await().atMost(WAIT).until(() -> outboxIds(Set.of(before, refused, after)).isEmpty());
            assertEquals(List.of("before", "after"), read(topic, 2), "the others, in order, each once");
        } finally {
            try (Connection c = database(); PreparedStatement delete = c.prepareStatement(
                    "delete from outbox where id = ?")) {
                delete.setLong(1, refused);
                delete.executeUpdate();
            }
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }

    private static void advisoryLock(Connection c, String function, long key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select " + function + "(?)")) {
            lock.setLong(1, key);
            lock.execute();
        }
    }

    private static long insertOutbox(Connection c, String topic, String key, byte[] payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into outbox (topic, message_key, payload,"
                + " created_at) values (?, ?, ?, now()) returning id")) {
            insert.setString(1, topic);
            insert.setString(2, key);
            insert.setBytes(3, payload);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<Long> outboxIds(Set<Long> among) throws SQLException {
        try (Connection c = database(); PreparedStatement select = c.prepareStatement(
                "select id from outbox where id = any(?)")) {
            select.setArray(1, c.createArrayOf("bigint", among.toArray()));
            Set<Long> ids = new java.util.HashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Reads the topic from the start until {@code count} records arrived (and briefly for any more). */
    private static List<String> read(String topic, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, HomewardTestStack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (values.size() < count || quietPolls < 3)) {
                int got = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                    got++;
                }
                quietPolls = values.size() >= count && got == 0 ? quietPolls + 1 : 0;
            }
        }
        assertTrue(values.size() >= count, "read " + values);
        return values;
    }
}
