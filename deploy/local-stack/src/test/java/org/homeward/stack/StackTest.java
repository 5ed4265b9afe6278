package org.homeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Topics;
import org.junit.jupiter.api.Test;

/** The embedded stack is real: records and rows written before a restart are there after it. */
class StackTest {

    private final Path dir = Path.of("target", "stack-test");
    private final Path binaries = Path.of("target", "pg-binaries");

    @Test
    void aRestartKeepsTopicsRecordsAndRows() throws Exception {
        Ports ports = Ports.free();
        try (Infrastructure stack = Stack.startFresh(dir, binaries, ports)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
                assertTrue(admin.listTopics().names().get().containsAll(
                        Set.of(Topics.CASE_EVENTS, Topics.CASE_TRANSITIONS, Topics.CASE_KEYS, Topics.CASE_EVENTS_DLQ,
                                Topics.CASE_TRANSITIONS_DLQ)));
                var keys = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CASE_KEYS);
                assertEquals("compact", admin.describeConfigs(List.of(keys)).all().get().get(keys)
                        .get("cleanup.policy").value(), "case-keys keeps the latest record of each case");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", stack.kafkaBootstrapServers(), "acks", "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, "case-1", "hello")).get();
            }
            try (Connection db = connect(stack, "cases"); Statement sql = db.createStatement()) {
                sql.execute("create table kept (v text)");
                sql.execute("insert into kept values ('still here')");
            }
        }
        assertTrue(Ports.isFree(ports.kafka()) && Ports.isFree(ports.postgres()), "close releases the ports");

        try (Infrastructure stack = Stack.start(dir, binaries, ports)) {
            assertEquals(List.of("hello"), readAll(stack.kafkaBootstrapServers(), "stack-test"));

            // An outage, as the services' tests stage it: the broker's port closes, then it answers again, same data.
            stack.interruptKafka();
            assertTrue(Ports.isFree(ports.kafka()), "an interrupted broker does not listen");
            stack.resumeKafka();
            assertEquals(List.of("hello"), readAll(stack.kafkaBootstrapServers(), "stack-test-after-outage"));
            try (Connection db = connect(stack, "cases"); Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("select v from kept")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
            }
            try (Connection db = connect(stack, "notifications")) {
                assertTrue(db.isValid(5));
            }
        }
        assertTrue(Files.exists(dir.resolve("postgres").resolve("PG_VERSION")));
    }

    /** The PostgreSQL faults the services' tests stage: frozen (nothing answers), and stopped then started again. */
    @Test
    void postgresPausesResumesStopsAndStartsAgain() throws Exception {
        Ports ports = Ports.free();
        try (Infrastructure stack = Stack.startFresh(Path.of("target", "stack-test-faults"), binaries, ports)) {
            try (Connection open = connect(stack, "cases"); Statement sql = open.createStatement()) {
                sql.execute("create table kept (v text)");
                sql.execute("insert into kept values ('still here')");

                stack.pausePostgres();
                try {
                    // Paused, not refusing: the connection is accepted by the kernel and then nothing answers.
                    var properties = new java.util.Properties();
                    properties.setProperty("user", stack.databaseUser());
                    properties.setProperty("password", stack.databasePassword());
                    properties.setProperty("loginTimeout", "2");
                    properties.setProperty("connectTimeout", "2");
                    properties.setProperty("socketTimeout", "2");
                    long start = System.nanoTime();
                    java.sql.SQLException hung = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                            () -> DriverManager.getConnection(stack.jdbcUrl("cases"), properties).close());
                    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_500,
                            "a paused server times out rather than refusing: " + hung.getSQLState());
                    assertTrue(!Ports.isFree(ports.postgres()), "a paused server keeps its port");
                } finally {
                    stack.resumePostgres();
                }
                try (ResultSet rs = sql.executeQuery("select v from kept")) {
                    assertTrue(rs.next(), "a connection opened before the pause works after it");
                    assertEquals("still here", rs.getString(1));
                }
            }

            stack.stopPostgres();
            assertTrue(Ports.isFree(ports.postgres()), "a stopped server does not listen");
            stack.startPostgres();
            try (Connection db = connect(stack, "cases"); Statement sql = db.createStatement();
                    ResultSet rs = sql.executeQuery("select v from kept")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
            }
        }
    }

    /** A paused broker keeps its port and connections and answers nothing; resumed, it answers with its data. */
    @Test
    void kafkaPausesWithItsPortOpenAndResumes() throws Exception {
        Ports ports = Ports.free();
        try (Infrastructure stack = Stack.startFresh(Path.of("target", "stack-test-kafka-pause"), binaries, ports);
                Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers(),
                        "request.timeout.ms", 2000, "default.api.timeout.ms", 2000))) {
            assertEquals(1, admin.describeCluster().nodes().get().size());
            assertTrue(stack.canPauseKafka());
            stack.pauseKafka();
            try {
                assertTrue(!Ports.isFree(ports.kafka()), "a paused broker keeps its port");
                long start = System.nanoTime();
                org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> admin.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions()
                                .timeoutMs(2000)).nodes().get());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_500,
                        "a paused broker times out rather than refusing");
            } finally {
                stack.resumeKafka();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().size() == 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", stack.kafkaBootstrapServers(), "acks", "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, "case-1", "after the pause")).get();
            }
            assertEquals(List.of("after the pause"), readAll(stack.kafkaBootstrapServers(), "after-pause"));
        }
    }

    private static Connection connect(Infrastructure stack, String database) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.databaseUser(), stack.databasePassword());
    }

    private static List<String> readAll(String bootstrap, String group) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", group, "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CASE_EVENTS));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
    }
}
